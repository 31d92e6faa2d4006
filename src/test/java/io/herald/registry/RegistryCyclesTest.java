package io.herald.registry;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.socket.Namespace;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sockets come and go by the thousand; the registry must end up holding none of them. */
class RegistryCyclesTest {
    private static final int CYCLES = 10_000;
    private static final int THREADS = 8;

    @Test
    void tenThousandConnectRegisterDisconnectCyclesLeaveTheRegistryEmpty() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config())) {
            Registry registry = server.herald().registry();
            AtomicInteger registered = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> runs = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                runs.add(pool.submit(() -> {
                    for (int i = thread; i < CYCLES; i += THREADS) {
                        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
                            ws.next();
                            ws.send("40");
                            ws.next();
                            // every tenth user shares a key, like several tabs of one person
                            ws.send("421[\"register\",{\"userid\":\"user-" + (i % 1000) + "\"}]");
                            if (ws.next().startsWith("431[{\"ok\":true")) registered.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) run.get();
            pool.shutdown();
            assertEquals(CYCLES, registered.get());

            long deadline = System.currentTimeMillis() + 10_000;
            while (server.herald().engine().size() > 0 && System.currentTimeMillis() < deadline) Thread.sleep(20);
            assertEquals(0, server.herald().engine().size(), "engine sessions left");
            assertEquals(new Stats(0, 0, 0), registry.stats().total());
            Namespace main = registry.namespace("/");
            assertEquals(0, main.size());
            assertEquals(0, main.indexedSockets(), "socket → rooms entries left");
            assertTrue(main.roomNames().isEmpty(), "rooms left: " + main.roomNames());
        }
    }
}
