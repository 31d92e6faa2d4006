package io.herald.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Herald's packages keep the layering {@link Layering} states, and each rule catches what breaks it. */
class LayeringTest {
    private static final String BROKEN = "io.herald.architecture.broken";

    @Test
    void heraldKeepsEveryRule() {
        JavaClasses herald = new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests()).importPackages("io.herald");
        assertTrue(herald.size() > 100, "Herald's classes were imported: " + herald.size());
        List<String> broken = Layering.rules("io.herald").stream()
                .map(rule -> rule.evaluate(herald))
                .filter(EvaluationResult::hasViolation)
                .map(result -> result.getFailureReport().toString())
                .collect(Collectors.toList());
        assertEquals(List.of(), broken);
    }

    @Test
    void aServletTypeInANeutralPackageIsCaught() {
        assertCaught(Layering.neutral(BROKEN), "ServletInRegistry", "jakarta.servlet.http.HttpServletRequest");
    }

    @Test
    void undertowOutsideItsAdapterIsCaught() {
        assertCaught(Layering.undertowApart(BROKEN), "UndertowInSocket", "io.undertow.server.HttpServerExchange");
    }

    @Test
    void jsr356OutsideItsAdapterIsCaught() {
        assertCaught(Layering.jsrApart(BROKEN), "JsrInEngine", "jakarta.websocket.Session");
    }

    @Test
    void thePublicApiNamingAnInternalTypeIsCaught() {
        assertCaught(Layering.publicApi(BROKEN), "PushUsingInternals", "ServletInRegistry");
    }

    @Test
    void aLowerLayerUsingAHigherOneIsCaught() {
        assertCaught(Layering.layers(BROKEN), "UndertowInSocket", "ServletInRegistry");
    }

    @Test
    void anImportCycleIsCaught() {
        assertCaught(Layering.noCycles(BROKEN), "registry", "socket");
    }

    private static void assertCaught(ArchRule rule, String... named) {
        JavaClasses classes = new ClassFileImporter().importPackages(BROKEN);
        EvaluationResult result = rule.evaluate(classes);
        assertTrue(result.hasViolation(), rule.getDescription() + " reported nothing");
        String report = result.getFailureReport().toString();
        for (String name : named) assertTrue(report.contains(name), "the report names " + name + ":\n" + report);
    }
}
