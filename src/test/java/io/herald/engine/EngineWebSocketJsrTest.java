package io.herald.engine;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every WebSocket test again over JSR-356 ({@code SocketIoEndpoint}), as on Tomcat and Payara, where
 * Herald's Undertow extensions are not loaded: the two paths must behave alike.
 */
class EngineWebSocketJsrTest extends EngineWebSocketTest {
    @Override
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.builder(config).servletsOnly().start();
    }

    private HeraldTestServer own;

    @AfterEach
    void stopOwn() {
        if (own != null) own.close();
    }

    /**
     * A message joined from its parts takes its memory from herald.maxPendingMessageBytes: a 30,000-character
     * message (60,000 bytes held) under a 20,000-byte budget closes with 1009, though within maxPayload.
     */
    @Test
    void aMessageJoinedPastTheSharedBudgetClosesWith1009() {
        own = start(config("herald.maxPayload", "40000", "herald.maxPendingMessageBytes", "20000"));
        try (RawWebSocket ws = RawWebSocket.connect(own.webSocketUri("EIO=4&transport=websocket"))) {
            ws.next();
            ws.send("40");
            ws.next();
            String[] parts = new String[32];
            parts[0] = "42[\"e\",\"";
            for (int i = 1; i <= 30; i++) parts[i] = "x".repeat(1000);
            parts[31] = "\"]";
            ws.sendFragments(parts);
            assertEquals(1009, ws.closeCode(2000));
            assertEquals(0, own.herald().engine().messageBudget().held());
        }
    }
}
