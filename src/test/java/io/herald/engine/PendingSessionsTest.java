package io.herald.engine;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.testing.Eventually;
import io.herald.testing.FrameClient;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code herald.maxPendingSessions}: connections that have not joined a namespace yet (each keeps its
 * handshake until the connect timeout) are capped; beyond, a polling handshake gets 503 with the Engine.IO
 * error JSON and a WebSocket is closed with 1013 (try again later). Joining or closing frees the place.
 */
class PendingSessionsTest {
    private HeraldTestServer server;

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.maxPendingSessions", "2"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> pollingHandshake() {
        return Http.get(server.pollingUri("EIO=4&transport=polling"));
    }

    private static String sid(HttpResponse<String> open) throws Exception {
        return (String) ((Map<?, ?>) Json.parse(open.body().substring(1))).get("sid");
    }

    @Test
    void aV3ClientRefusedAtTheMainNamespaceDoesNotKeepItsPlace() throws Exception {
        try (HeraldTestServer legacy = HeraldTestServer.start(config("herald.allowEIO3", "true",
                "herald.maxPendingSessions", "1", "herald.connectTimeout", "300"))) {
            // v3 clients join "/" by themselves; an unknown app key refuses that join
            HttpResponse<String> open = Http.get(legacy.pollingUri("EIO=3&transport=polling&app=no-such-key"));
            assertEquals(200, open.statusCode(), open.body());
            assertEquals(503, Http.get(legacy.pollingUri("EIO=3&transport=polling")).statusCode());
            Eventually.waitUntil(() -> legacy.herald().engine().size() == 0); // closed at the connect timeout
            assertEquals(200, Http.get(legacy.pollingUri("EIO=3&transport=polling")).statusCode());
        }
    }

    @Test
    void theDefaultIsSafe() {
        assertEquals(5000, io.herald.config.HeraldConfig.defaults().engine().maxPendingSessions());
    }

    @Test
    void handshakesBeyondTheCapAreRefusedUntilOneJoins() throws Exception {
        HttpResponse<String> first = pollingHandshake();
        HttpResponse<String> second = pollingHandshake();
        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());

        HttpResponse<String> refused = pollingHandshake();
        assertEquals(503, refused.statusCode(), refused.body());
        assertEquals("{\"code\":6,\"message\":\"Server busy\"}", refused.body());
        try (FrameClient ws = FrameClient.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
            FrameClient.Frame close = ws.read();
            assertEquals(FrameClient.CLOSE, close.opcode(), "a close frame, not the open packet");
            assertEquals(1013, close.closeCode());
        }
        assertEquals(2, server.herald().engine().size(), "nothing was opened for the refused ones");

        // the first joins the main namespace: no longer waiting, its place is free
        assertEquals("ok", Http.post(server.pollingUri("EIO=4&transport=polling&sid=" + sid(first)), "40").body());
        Eventually.waitUntil(() -> server.herald().engine().pending() == 1);
        assertEquals(200, pollingHandshake().statusCode());
        assertEquals(503, pollingHandshake().statusCode());

        // the second closes: its place is free too
        Http.post(server.pollingUri("EIO=4&transport=polling&sid=" + sid(second)), "1");
        Eventually.waitUntil(() -> server.herald().engine().pending() == 1);
        try (FrameClient ws = FrameClient.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
            assertTrue(ws.read().text().startsWith("0{"), "the Engine.IO open packet");
        }
    }
}
