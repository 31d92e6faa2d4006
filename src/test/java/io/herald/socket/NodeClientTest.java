package io.herald.socket;

import static io.herald.testing.Eventually.waitUntil;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.registry.Registry;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.ChildProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The npm {@code socket.io-client}, current (4.x, Engine.IO v4) and old (2.x and 1.x, Engine.IO v3, as doit-cms
 * pages ship them), over each transport: register a user key, receive unicast, room, broadcast and binary events,
 * acks both ways, binary to the server.
 */
class NodeClientTest {
    private HeraldTestServer server;
    private Registry registry;
    private final BlockingQueue<List<Object>> recorded = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.allowEIO3", "true"));
        registry = server.herald().registry();
        registry.namespace("/").addListener(new SocketListener() {
            @Override
            public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
                if (event.equals("echo") && ack != null) ack.send(args.toArray());
                if (event.equals("record")) recorded.add(args);
            }
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource({
            "v4, websocket, websocket",
            "v4, polling, polling",
            "v4, default, websocket",
            "v2, websocket, websocket",
            "v2, polling, polling",
            "v2, default, websocket",
            "v1, websocket, websocket",
            "v1, polling, polling",
            "v1, default, websocket"})
    void doitFlowWithARealClient(String version, String transport, String finalTransport) throws Exception {
        String key = "user-" + version + "-" + transport;
        try (ChildProcess node = ChildProcess.node("client-scenario.js", server.uri().toString(), version, transport, key)) {
            node.expect("connected");
            assertEquals("registered {\"ok\":true,\"userid\":\"" + key + "\"}", node.expect("registered"));

            assertEquals(1, registry.emit(Target.users(key), "unicast", Map.of("n", 1)));
            assertEquals("event unicast {\"n\":1}", node.expect("event"));

            registry.join(Target.users(key), "group");
            assertEquals(1, registry.emit(Target.rooms("group"), "room", "in the group"));
            assertEquals("event room \"in the group\"", node.expect("event"));

            assertEquals(1, registry.emit(Target.everyone(), "broadcast", List.of(1, "two", true)));
            assertEquals("event broadcast [1,\"two\",true]", node.expect("event"));

            registry.emit(Target.users(key), "file", Map.of("data", new byte[] {0, 1, (byte) 0xfe}));
            assertEquals("event file {\"data\":{\"binary\":\"0001fe\"}}", node.expect("event"));

            HeraldSocket socket = registry.sockets(Target.users(key)).get(0);
            List<Object> answer = socket.emitWithAck(Duration.ofSeconds(5), "ask", "question")
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("asked \"question\"", node.expect("asked"));
            assertEquals(List.of("answer", "question"), answer);

            registry.emit(Target.users(key), "cue");
            assertEquals("echo [\"ping\",7]", node.expect("echo"));
            List<Object> got = recorded.poll(5, TimeUnit.SECONDS);
            assertEquals("label", got.get(0));
            assertArrayEquals(new byte[] {1, 2, 3, (byte) 255}, (byte[]) got.get(1));

            if (!finalTransport.equals("polling")) waitUntil(() -> socket.transport().equals(finalTransport));
            registry.emit(Target.users(key), "done");
            assertEquals("transport " + finalTransport, node.expect("transport"));
            node.expect("done");
            assertEquals(0, node.waitForExit(5));
        }
        waitUntil(() -> registry.stats().total().sockets() == 0);
    }
}
