package io.herald.engine;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.RawWebSocket;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A page of Herald's own origin, and python-socketio's client (which sends the server's own origin), are not
 * foreign: they connect with no origin listed, over WebSocket (here Herald's native path on Undertow; the
 * JSR-356 one in {@link SameOriginJsrTest}) and over polling. Behind a proxy the origin is the one the client
 * used, as a trusted proxy says: {@code herald.trustedProxies}.
 */
class SameOriginTest {
    private HeraldTestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.start(config);
    }

    private String ownOrigin() {
        return "http://127.0.0.1:" + server.port();
    }

    private void assertWebSocketRefused(String... headers) {
        CompletionException refused = assertThrows(CompletionException.class,
                () -> RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"), headers).close());
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
    }

    private void assertWebSocketOpens(String... headers) {
        try (RawWebSocket socket = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"), headers)) {
            assertTrue(socket.next().startsWith("0{"));
        }
    }

    private int pollingStatus(String... headers) {
        return Http.get(server.pollingUri("EIO=4&transport=polling"), headers).statusCode();
    }

    @Test
    void theServersOwnOriginOpensAWebSocketWithNoOriginListed() {
        server = start(config());
        assertWebSocketOpens("Origin", ownOrigin());
        assertWebSocketOpens("Origin", "HTTP://127.0.0.1:" + server.port());
    }

    @Test
    void theServersOwnOriginPollsWithNoOriginListed() {
        server = start(config());
        HttpResponse<String> answer = Http.get(server.pollingUri("EIO=4&transport=polling"), "Origin", ownOrigin());
        assertEquals(200, answer.statusCode());
        assertEquals(ownOrigin(), answer.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals(200, pollingStatus("Origin", ownOrigin() + "/"), "as some clients write it");
    }

    @Test
    void otherOriginsAreStillForeign() {
        server = start(config());
        assertWebSocketRefused("Origin", "http://evil.example");
        assertWebSocketRefused("Origin", "https://127.0.0.1:" + server.port()); // another scheme is another origin
        assertWebSocketRefused("Origin", "http://127.0.0.1:" + (server.port() + 1));
        assertEquals(403, pollingStatus("Origin", "http://evil.example"));
        assertEquals(403, pollingStatus("Origin", "http://localhost:" + server.port()));
    }

    @Test
    void behindATrustedProxyTheOriginIsTheOneTheClientUsed() {
        server = start(config("herald.trustedProxies", "127.0.0.1"));
        String[] proxied = {"X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example"};
        assertWebSocketOpens(with(proxied, "Origin", "https://shop.example"));
        assertEquals(200, pollingStatus(with(proxied, "Origin", "https://shop.example")));
        assertWebSocketRefused(with(proxied, "Origin", ownOrigin()));
        assertEquals(403, pollingStatus(with(proxied, "Origin", ownOrigin())));
        assertWebSocketRefused("Forwarded", "for=203.0.113.7;proto=https;host=shop.example", "Origin", "http://shop.example");
        assertWebSocketOpens("Forwarded", "for=203.0.113.7;proto=https;host=shop.example", "Origin", "https://shop.example");
    }

    @Test
    void forwardedSchemeAndHostFromAnUntrustedPeerAreNotBelieved() {
        server = start(config());
        String[] forged = {"X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example", "Origin", "https://shop.example"};
        assertWebSocketRefused(forged);
        assertEquals(403, pollingStatus(forged));
    }

    private static String[] with(String[] headers, String... more) {
        String[] all = java.util.Arrays.copyOf(headers, headers.length + more.length);
        System.arraycopy(more, 0, all, headers.length, more.length);
        return all;
    }
}
