package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Http;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpResponse;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The integration-test set-up works: the built WAR is deployed at the root of a real WildFly, with the npm client. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SmokeIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    private URL url;

    @Test
    void theRootIsHeraldsPageNotWildFlysWelcomePage() {
        URI base = Deployments.baseUri(url);
        assertEquals("/", base.getPath());
        HttpResponse<String> page = Http.get(base);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<title>Herald"), page.body());
        assertTrue(page.body().contains("socket.io/socket.io.js"), "the page loads the client from Herald");
    }

    @Test
    void theSocketIoClientFromNpmIsServedAsJavaScript() {
        URI base = Deployments.baseUri(url);
        for (String file : new String[] {"socket.io.js", "socket.io.min.js"}) {
            HttpResponse<String> script = Http.get(base.resolve("/socket.io/" + file));
            assertEquals(200, script.statusCode(), file);
            String type = script.headers().firstValue("Content-Type").orElse("");
            assertTrue(type.contains("javascript"), file + " is served as " + type);
            assertTrue(script.body().contains("Socket.IO v4.8."), file + " is the npm socket.io-client 4.8.x");
        }
        assertEquals(200, Http.get(base.resolve("/socket.io/socket.io.js.map")).statusCode());
    }

    @Test
    void versionedClientUrlsAreCachedForAYearAndTheOthersRevalidate() {
        URI root = Deployments.baseUri(url);
        var versioned = Http.get(root.resolve("/socket.io/4.8.3/socket.io.min.js"));
        assertEquals(200, versioned.statusCode());
        assertTrue(versioned.headers().firstValue("Cache-Control").orElse("").contains("immutable"),
                versioned.headers().map().toString());
        var plain = Http.get(root.resolve("/socket.io/socket.io.min.js"));
        assertEquals("no-cache", plain.headers().firstValue("Cache-Control").orElse(""), plain.headers().map().toString());
        String etag = plain.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag"));
        assertEquals(304, Http.get(root.resolve("/socket.io/socket.io.min.js"), "If-None-Match", etag).statusCode(),
                "an unchanged file is revalidated with a 304");
    }
}
