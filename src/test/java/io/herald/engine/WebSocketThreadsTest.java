package io.herald.engine;

import static io.herald.testing.Eventually.waitUntil;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.HeraldConfig;
import io.herald.socket.Ack;
import io.herald.socket.HeraldSocket;
import io.herald.socket.SocketListener;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the application's listeners (and so its CDI observers) may rely on: one socket's events come in the
 * order the client sent them, one at a time, and a listener that blocks holds up only its own socket.
 */
class WebSocketThreadsTest {
    private HeraldTestServer server;
    private final List<RawWebSocket> clients = new ArrayList<>();

    /** On embedded Undertow, as on WildFly: Undertow's own WebSocket API. */
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.start(config);
    }

    @AfterEach
    void stop() {
        clients.forEach(RawWebSocket::close);
        if (server != null) server.close();
    }

    private RawWebSocket connected() {
        RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"));
        clients.add(ws);
        ws.next();                                   // OPEN
        ws.send("40");
        assertTrue(ws.next().startsWith("40{"));     // CONNECT answered
        return ws;
    }

    @Test
    void aListenerThatBlocksHoldsUpOnlyItsOwnSocket() throws Exception {
        server = start(config());
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch blocked = new CountDownLatch(1);
        server.herald().sockets().namespace("/").addListener(new SocketListener() {
            @Override
            public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
                if (!"block".equals(event)) return;
                blocked.countDown();
                try {
                    release.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        try {
            RawWebSocket blocker = connected();
            blocker.send("42[\"block\"]");
            assertTrue(blocked.await(5, TimeUnit.SECONDS));
            // more clients than the server has I/O threads: if events ran on them, one would share the
            // blocked socket's thread and never get its CONNECT answered
            for (int i = 0; i < 12; i++) connected();
        } finally {
            release.countDown();
        }
    }

    @Test
    void oneSocketsEventsArriveInOrderAndOneAtATime() throws Exception {
        server = start(config());
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        int[] concurrent = {0, 0}; // now, most seen
        server.herald().sockets().namespace("/").addListener(new SocketListener() {
            @Override
            public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
                synchronized (concurrent) {
                    concurrent[1] = Math.max(concurrent[1], ++concurrent[0]);
                }
                seen.add(((Number) args.get(0)).intValue());
                Thread.yield();
                synchronized (concurrent) {
                    concurrent[0]--;
                }
            }
        });
        RawWebSocket ws = connected();
        int n = 2000;
        for (int i = 0; i < n; i++) ws.send("42[\"n\"," + i + "]");
        waitUntil(() -> seen.size() == n);
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) expected.add(i);
        assertEquals(expected, seen);
        synchronized (concurrent) {
            assertEquals(1, concurrent[1], "events of one socket overlapped");
        }
    }
}
