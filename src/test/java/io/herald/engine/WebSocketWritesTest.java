package io.herald.engine;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import io.herald.testing.SelfSignedTls;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who writes a WebSocket frame on Undertow, where Herald has its own writer in front of the socket: a
 * message for one client goes out on the thread that sends it, a fan-out's frames wait for each
 * connection's own I/O thread, and what Undertow writes by itself (pongs) goes through the same writer.
 */
class WebSocketWritesTest {
    private static final String QUERY = "EIO=4&transport=websocket";

    @TempDir
    Path dir;

    private HeraldTestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** Connects a raw client to the main namespace; returns its socket id. */
    private static String join(RawWebSocket ws) throws ProtocolException {
        ws.next(); // the Engine.IO open packet
        ws.send("40");
        String connect = ws.next();
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = (Map<String, Object>) Json.parse(connect.substring(2));
        return (String) answer.get("sid");
    }

    private void emit(Target target, String event, Object data) {
        server.herald().registry().to(target).emit(event, data);
    }

    @Test
    void aMessageForOneClientGoesOutWhileEveryIoThreadIsBusy() throws Exception {
        server = HeraldTestServer.start(config());
        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri(QUERY))) {
            String sid = join(ws);
            try (AutoCloseable held = server.holdIoThreads()) {
                emit(Target.sockets(sid), "note", "now");
                assertEquals("42[\"note\",\"now\"]", ws.next(), "written by the emitting thread");
            }
        }
    }

    @Test
    void aFanOutWaitsForEachConnectionsIoThreadThenReachesEveryone() throws Exception {
        server = HeraldTestServer.start(config());
        try (RawWebSocket a = RawWebSocket.connect(server.webSocketUri(QUERY));
             RawWebSocket b = RawWebSocket.connect(server.webSocketUri(QUERY))) {
            String sidA = join(a), sidB = join(b);
            try (AutoCloseable held = server.holdIoThreads()) {
                emit(Target.sockets(sidA, sidB), "news", "all");
                assertNull(a.poll(300), "left to the I/O thread, which is busy");
            }
            assertEquals("42[\"news\",\"all\"]", a.next());
            assertEquals("42[\"news\",\"all\"]", b.next());
        }
    }

    @Test
    void aWebSocketPingIsAnsweredAndMessagesAroundItArrive() throws Exception {
        server = HeraldTestServer.start(config());
        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri(QUERY))) {
            String sid = join(ws);
            emit(Target.sockets(sid), "before", 1);
            ws.ping("are you there".getBytes(StandardCharsets.UTF_8));
            emit(Target.sockets(sid), "after", 2);
            List<Object> frames = List.of(ws.poll(5000), ws.poll(5000), ws.poll(5000));
            RawWebSocket.Pong pong = (RawWebSocket.Pong) frames.stream().filter(f -> f instanceof RawWebSocket.Pong)
                    .findFirst().orElseThrow(() -> new AssertionError("no pong in " + frames));
            assertArrayEquals("are you there".getBytes(StandardCharsets.UTF_8), pong.data());
            List<Object> messages = frames.stream().filter(f -> f instanceof String).toList();
            assertEquals(List.of("42[\"before\",1]", "42[\"after\",2]"), messages);
        }
    }

    /**
     * Senders on several threads at once, with messages large enough to fill the socket's buffers, so that
     * frames wait in the writer's backlog and the I/O thread finishes them: every message arrives whole, and
     * each sender's in the order it sent them.
     */
    @Test
    void largeMessagesFromSeveralThreadsArriveWholeAndInEachSendersOrder() throws Exception {
        server = HeraldTestServer.start(config());
        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri(QUERY))) {
            assertEveryMessageArrives(ws, join(ws), 4, 40);
        }
    }

    /** Over TLS only the I/O thread writes; the same messages arrive the same way. */
    @Test
    void overTlsLargeMessagesFromSeveralThreadsArriveWholeAndInOrder() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        server = HeraldTestServer.builder(config()).https(tls.server()).start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls.client()).build();
        try (RawWebSocket ws = RawWebSocket.connect(client, server.secureWebSocketUri(QUERY))) {
            assertEveryMessageArrives(ws, join(ws), 4, 40);
        }
    }

    private void assertEveryMessageArrives(RawWebSocket ws, String sid, int senders, int each) throws Exception {
        String filler = "x".repeat(64 * 1024);
        ExecutorService threads = Executors.newFixedThreadPool(senders);
        try {
            List<Future<?>> sending = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                int sender = t;
                sending.add(threads.submit(() -> {
                    for (int i = 0; i < each; i++) emit(Target.sockets(sid), "big", sender + ":" + i + ":" + filler);
                }));
            }
            Map<Integer, Integer> nextOf = new HashMap<>();
            for (int n = 0; n < senders * each; n++) {
                Object frame = ws.poll(10_000);
                String text = assertInstanceOf(String.class, frame, "message " + n + " of " + senders * each);
                List<?> event = (List<?>) Json.parse(text.substring(2));
                String[] tag = ((String) event.get(1)).split(":");
                int sender = Integer.parseInt(tag[0]), index = Integer.parseInt(tag[1]);
                assertEquals(nextOf.getOrDefault(sender, 0), index, "sender " + sender + "'s order");
                assertEquals(filler, tag[2], "message " + sender + ":" + index + " whole");
                nextOf.put(sender, index + 1);
            }
            for (Future<?> f : sending) f.get();
        } finally {
            threads.shutdownNow();
        }
    }
}
