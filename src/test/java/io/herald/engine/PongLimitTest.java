package io.herald.engine;

import static io.herald.testing.FrameClient.PING;
import static io.herald.testing.FrameClient.frame;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Eventually;
import io.herald.testing.FrameClient;
import io.herald.testing.HeraldTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebSocket pongs count against {@code herald.maxQueuedBytes} too: a client that sends pings and never reads
 * the pongs is disconnected instead of making the server hold every pong it owes.
 */
class PongLimitTest {
    private HeraldTestServer server;

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.maxQueuedBytes", "65536"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aClientThatPingsAndNeverReadsIsDisconnected() throws Exception {
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < 1000; i++) batch.write(frame(true, PING, new byte[125])); // 127 bytes of pong each
        byte[] pings = batch.toByteArray();
        boolean refused = false;
        try (FrameClient client = FrameClient.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
            Eventually.waitUntil(() -> server.herald().engine().size() == 1);
            // 200,000 pings: 25 MB of pongs, far beyond what the socket buffers and the limit hold together
            for (int round = 0; round < 200 && !refused; round++) {
                try {
                    client.send(pings);
                } catch (IOException closedByTheServer) {
                    refused = true;
                }
            }
        }
        assertTrue(refused, "the server went on taking pings whose pongs were never read");
        Eventually.waitUntil(() -> server.herald().engine().size() == 0);
    }
}
