package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Http;
import io.herald.testing.RawWebSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On the real servers, a client that sends the server's own origin (python-socketio's does, and so does a
 * page Herald serves) connects over WebSocket and polling with no origin listed: the Payara and Tomcat
 * configurations of these tests list none (WildFly's lists its own, so there this passes either way).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class SameOriginIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.builtWar();
    }

    @ArquillianResource
    private URL base;

    private URI root() {
        return Deployments.baseUri(base);
    }

    private String ownOrigin() {
        return "http://127.0.0.1:" + root().getPort();
    }

    private URI webSocket() {
        return URI.create("ws://127.0.0.1:" + root().getPort() + "/socket.io/?EIO=4&transport=websocket");
    }

    @Test
    void theServersOwnOriginOpensAWebSocket() {
        try (RawWebSocket socket = RawWebSocket.connect(webSocket(), "Origin", ownOrigin())) {
            assertTrue(socket.next().startsWith("0{"));
        }
    }

    @Test
    void theServersOwnOriginPolls() {
        assertEquals(200, Http.get(root().resolve("/socket.io/?EIO=4&transport=polling"), "Origin", ownOrigin()).statusCode());
    }

    @Test
    void anotherOriginIsStillRefused() {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> RawWebSocket.connect(webSocket(), "Origin", "http://evil.example").close());
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        assertEquals(403, Http.get(root().resolve("/socket.io/?EIO=4&transport=polling"), "Origin", "http://evil.example").statusCode());
    }
}
