package io.herald.socket;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.socket.client.IO;
import io.socket.engineio.client.transports.Polling;
import io.socket.engineio.client.transports.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;

/**
 * The stock client starts on polling and upgrades to WebSocket while the server keeps emitting: every event
 * must arrive exactly once and in order, whichever transport carried it.
 */
class UpgradeUnderLoadTest {
    private static final int TOTAL = 2000;

    @RepeatedTest(3)
    void noEventIsLostOrReorderedAcrossTheUpgrade() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config())) {
            Set<String> transportsSeen = ConcurrentHashMap.newKeySet();
            server.herald().sockets().namespace("/").addListener(new SocketListener() {
                @Override
                public void onConnect(HeraldSocket socket) {
                    Thread emitter = new Thread(() -> {
                        for (int i = 0; i < TOTAL; i++) {
                            transportsSeen.add(socket.transport());
                            socket.emit("seq", i);
                            if (i % 20 == 0) pause(); // spread the stream over the upgrade
                        }
                    });
                    emitter.start();
                }
            });
            IO.Options options = JavaClient.options();
            options.transports = new String[] {Polling.NAME, WebSocket.NAME};
            options.upgrade = true;
            try (JavaClient client = JavaClient.connect(server.uri(), "/", options)) {
                List<Integer> received = new ArrayList<>();
                while (received.size() < TOTAL) {
                    JavaClient.Received r = client.next();
                    if (r.event().equals("seq")) received.add(((Number) r.args().get(0)).intValue());
                }
                for (int i = 0; i < TOTAL; i++) assertEquals(i, received.get(i), "event " + i);
                assertNull(client.poll(200), "no duplicate after the last event");
                assertEquals(Set.of("polling", "websocket"), transportsSeen, "the upgrade happened mid-stream");
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
