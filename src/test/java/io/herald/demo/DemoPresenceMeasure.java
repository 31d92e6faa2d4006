package io.herald.demo;

import static io.herald.testing.TestConfigs.config;

import io.herald.testing.FrameClient;
import io.herald.testing.HeraldTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A measurement, not a test (its name keeps it out of the default run): how much presence traffic the demo
 * sends when {@code herald.demo.clients} sockets (default 200) connect one after another as fast as they can.
 * Run by bench/demo-presence.sh; prints one line.
 */
class DemoPresenceMeasure {
    @Test
    void presenceTrafficForManyConnects() throws Exception {
        int n = Integer.getInteger("herald.demo.clients", 200);
        AtomicLong frames = new AtomicLong(), bytes = new AtomicLong();
        List<FrameClient> clients = new ArrayList<>();
        List<Thread> readers = new ArrayList<>();
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.demo", "true"))) {
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                FrameClient client = FrameClient.connect(server.webSocketUri("EIO=4&transport=websocket"));
                clients.add(client);
                client.read(); // the open packet
                client.sendText("40");
                Thread reader = new Thread(() -> {
                    try {
                        for (FrameClient.Frame f; (f = client.read()) != null; ) {
                            if (f.payload().length > 20 && f.text().startsWith("42[\"demo:presence\"")) {
                                frames.incrementAndGet();
                                bytes.addAndGet(f.payload().length);
                            }
                        }
                    } catch (Exception | AssertionError e) {
                        // closed at the end, or quiet for 5 s: done either way
                    }
                });
                reader.setDaemon(true);
                reader.start();
                readers.add(reader);
            }
            double connectSeconds = (System.nanoTime() - start) / 1e9;
            for (Thread reader : readers) reader.join(); // each ends 5 s after its last frame
            System.out.printf("DEMO-PRESENCE %d connects in %.1f s: %,d presence frames, %.1f MB to the clients%n",
                    n, connectSeconds, frames.get(), bytes.get() / 1e6);
        } finally {
            for (FrameClient client : clients) client.close();
        }
    }
}
