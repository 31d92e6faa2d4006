package io.herald.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Herald's layering as rules, for the packages under {@code root} ({@code io.herald}; the test's broken tree
 * has the same shape under another root):
 * <ul>
 *   <li>the neutral packages (protocol, util, security, engine core and its WebSocket core, socket, registry,
 *       recovery, cluster, config, the API core) use no container type: nothing of {@code jakarta.*},
 *       {@code io.undertow.*} or {@code org.xnio.*};</li>
 *   <li>Undertow's and XNIO's types are used only in {@code adapter.undertow}, JSR-356's only in
 *       {@code adapter.jsr};</li>
 *   <li>the public API package ({@code push}) imports nothing of Herald's and nothing container-specific
 *       (CDI's annotations only);</li>
 *   <li>each layer imports only the layers below it (the table in {@link #layers});</li>
 *   <li>no two packages import each other, directly or through others.</li>
 * </ul>
 */
final class Layering {
    private Layering() {}

    static List<ArchRule> rules(String root) {
        return List.of(neutral(root), undertowApart(root), jsrApart(root), publicApi(root), layers(root), noCycles(root));
    }

    static ArchRule neutral(String root) {
        return noClasses().that().resideInAnyPackage(neutralPackages(root))
                .should().dependOnClassesThat().resideInAnyPackage("jakarta..", "io.undertow..", "org.xnio..")
                .as("the neutral packages use no container type");
    }

    static String[] neutralPackages(String root) {
        return new String[] {root + ".protocol..", root + ".util..", root + ".security", root + ".engine",
                root + ".engine.websocket..", root + ".socket..", root + ".registry..", root + ".recovery..",
                root + ".cluster..", root + ".config..", root + ".api"};
    }

    static ArchRule undertowApart(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".adapter.undertow..")
                .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..")
                .as("only the undertow adapter uses Undertow's and XNIO's types");
    }

    static ArchRule jsrApart(String root) {
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root + ".adapter.jsr..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.websocket..")
                .as("only the jsr adapter uses JSR-356's types");
    }

    static ArchRule publicApi(String root) {
        return noClasses().that().resideInAPackage(root + ".push..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "jakarta.websocket..", "jakarta.ws..",
                        "io.undertow..", "org.xnio..")
                .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("Herald's other packages",
                        c -> c.getPackageName().startsWith(root + ".") && !c.getPackageName().startsWith(root + ".push")
                                || c.getPackageName().equals(root)))
                .as("the public API package imports nothing container-specific and nothing of Herald's");
    }

    static ArchRule layers(String root) {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("util").definedBy(root + ".util..")
                .layer("protocol").definedBy(root + ".protocol..")
                .layer("security").definedBy(root + ".security..")
                .layer("engine").definedBy(root + ".engine..")
                .layer("recovery").definedBy(root + ".recovery..")
                .layer("push").definedBy(root + ".push..")
                .layer("socket").definedBy(root + ".socket..")
                .layer("registry").definedBy(root + ".registry..")
                .layer("config").definedBy(root + ".config..")
                .layer("cluster").definedBy(root + ".cluster..")
                .layer("demo").definedBy(root + ".demo..")
                .layer("herald").definedBy(root)
                .layer("api").definedBy(root + ".api")
                .layer("cdi").definedBy(root + ".cdi..")
                .layer("servlet adapter").definedBy(root + ".adapter.servlet..")
                .layer("jsr adapter").definedBy(root + ".adapter.jsr..")
                .layer("http api").definedBy(root + ".api.http..")
                .layer("undertow adapter").definedBy(root + ".adapter.undertow..")
                .whereLayer("util").mayNotAccessAnyLayer()
                .whereLayer("push").mayNotAccessAnyLayer()
                .whereLayer("protocol").mayOnlyAccessLayers("util")
                .whereLayer("security").mayOnlyAccessLayers("util")
                .whereLayer("recovery").mayOnlyAccessLayers("util", "protocol")
                .whereLayer("engine").mayOnlyAccessLayers("util", "protocol", "security")
                .whereLayer("socket").mayOnlyAccessLayers("util", "protocol", "engine", "recovery", "push")
                .whereLayer("registry").mayOnlyAccessLayers("util", "protocol", "security", "engine", "recovery", "push", "socket")
                .whereLayer("config").mayOnlyAccessLayers("util", "protocol", "security", "engine", "socket", "registry")
                .whereLayer("cluster").mayOnlyAccessLayers("util", "protocol", "recovery", "registry", "config")
                .whereLayer("demo").mayOnlyAccessLayers("security", "push", "socket", "registry")
                .whereLayer("herald").mayOnlyAccessLayers("util", "security", "engine", "recovery", "socket", "registry",
                        "config", "cluster", "demo")
                .whereLayer("api").mayOnlyAccessLayers("util", "protocol", "security", "engine", "push", "socket", "registry",
                        "config", "herald")
                .whereLayer("cdi").mayOnlyAccessLayers("security", "engine", "push", "socket", "registry", "config", "herald")
                .whereLayer("servlet adapter").mayOnlyAccessLayers("util", "protocol", "security", "engine")
                .whereLayer("jsr adapter").mayOnlyAccessLayers("util", "protocol", "security", "engine", "servlet adapter")
                .whereLayer("http api").mayOnlyAccessLayers("util", "protocol", "security", "engine", "push", "socket",
                        "registry", "config", "herald", "api", "cdi", "servlet adapter")
                .whereLayer("undertow adapter").mayOnlyAccessLayers("util", "protocol", "security", "engine", "herald", "api",
                        "http api")
                .as("each layer imports only the layers below it");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles().as("no import cycle between packages");
    }
}
