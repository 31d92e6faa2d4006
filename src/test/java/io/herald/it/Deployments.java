package io.herald.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * For integration tests on the real server: the WAR the build produced, exactly as it ships, and the address
 * it answers at. Use as
 * <pre>
 * &#64;ExtendWith(ArquillianExtension.class) &#64;RunAsClient
 * class SomeIT {
 *     &#64;Deployment(testable = false) static WebArchive deployment() { return Deployments.builtWar(); }
 *     &#64;ArquillianResource URL url;
 *     ... Http.get(Deployments.baseUri(url).resolve("/socket.io/?EIO=4&amp;transport=polling")) ...
 * }
 * </pre>
 */
public final class Deployments {
    private Deployments() {}

    /** target/herald.war (failsafe passes its path as {@code herald.war}); it sets its own root context "/". */
    public static WebArchive builtWar() {
        File war = new File(System.getProperty("herald.war", "target/herald.war"));
        if (!war.isFile()) throw new IllegalStateException(war + " is missing: run the package phase first");
        // Tomcat takes the context root from the file name; WildFly and Payara read it from the WAR's descriptors
        String name = "tomcat".equals(System.getProperty("arquillian.launch")) ? "ROOT.war" : "herald.war";
        return ShrinkWrap.create(ZipImporter.class, name).importFrom(war).as(WebArchive.class);
    }

    /**
     * The server's root on loopback, from the URL Arquillian injects: WildFly listens on 127.0.0.1 only,
     * "localhost" may resolve to ::1 first, and the Payara Micro adapter reports the machine's LAN address,
     * which tests must never send traffic to.
     */
    public static URI baseUri(URL arquillianUrl) {
        return URI.create("http://127.0.0.1:" + arquillianUrl.getPort() + "/");
    }
}
