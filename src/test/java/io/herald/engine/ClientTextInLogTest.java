package io.herald.engine;

import io.herald.util.ProtocolLog;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.Eventually;
import io.herald.testing.FrameClient;
import io.herald.testing.HeraldTestServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** What a client sends reaches the server's log escaped: a line break in it cannot forge a log line. */
class ClientTextInLogTest {
    @Test
    void aNamespaceWithALineBreakIsLoggedEscaped() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger("io.herald.protocol");
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.addHandler(handler);
        ProtocolLog.startNewWindow(); // other tests of this JVM may have used this minute's lines
        try (HeraldTestServer server = HeraldTestServer.start(config());
             FrameClient client = FrameClient.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
            assertTrue(client.read().text().startsWith("0{"));
            client.sendText("42/chat\nSEVERE: forged line\u001b[2J,[\"x\"]");
            Eventually.waitUntil(() -> lines.stream().anyMatch(l -> l.contains("forged line")));
            String line = lines.stream().filter(l -> l.contains("forged line")).findFirst().orElseThrow();
            assertFalse(line.contains("\n") || line.contains("\u001b"), line);
            assertTrue(line.contains("\"/chat\\nSEVERE: forged line\\u001b[2J\""), line);
        } finally {
            logger.removeHandler(handler);
        }
    }
}
