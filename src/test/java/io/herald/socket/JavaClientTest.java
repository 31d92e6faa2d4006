package io.herald.socket;

import static io.herald.testing.Eventually.waitUntil;
import io.herald.registry.Stats;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.registry.Registry;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.socket.client.Manager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The official Java client against Herald in embedded Undertow, over WebSocket. */
class JavaClientTest {
    private HeraldTestServer server;
    private Registry registry;
    private final BlockingQueue<List<Object>> serverReceived = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.namespaces", "/admin"));
        registry = server.herald().registry();
        for (Namespace ns : registry.namespaces()) {
            ns.addListener(new SocketListener() {
                @Override
                public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
                    if (event.equals("echo") && ack != null) ack.send(args.toArray());
                    if (event.equals("record")) serverReceived.add(args);
                }
            });
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void everyTabOfAUserReceivesWhatIsSentToItsKeyAndNobodyElseDoes() throws Exception {
        try (JavaClient tab1 = JavaClient.connect(server.uri()).register("alice");
             JavaClient tab2 = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri()).register("bob")) {
            assertEquals(2, registry.emit(Target.users("alice"), "server_event", Map.of("n", 1)));
            for (JavaClient tab : List.of(tab1, tab2)) {
                JavaClient.Received r = tab.next();
                assertEquals("server_event", r.event());
                assertEquals(1, ((JSONObject) r.args().get(0)).getInt("n"));
            }
            assertNull(bob.poll(200), "bob receives nothing for alice");
        }
    }

    @Test
    void oneSocketWithTwoUserKeysReceivesForEachAndCountsAsTwoUsers() {
        try (JavaClient both = JavaClient.connect(server.uri()).register("alice").register("team-7");
             JavaClient other = JavaClient.connect(server.uri()).register("bob")) {
            assertEquals(1, registry.emit(Target.users("alice"), "to-alice", 1));
            assertEquals(1, registry.emit(Target.users("team-7"), "to-team", 2));
            assertEquals("to-alice", both.next().event());
            assertEquals("to-team", both.next().event(), "the second key did not replace the first");
            assertEquals(1, registry.emit(Target.users("alice", "team-7"), "to-both", 3), "one socket, reached once");
            assertEquals(List.of(3), both.next().args());
            assertNull(both.poll(150), "no second copy for the second key");
            assertNull(other.poll(10));
            assertEquals(new Stats(2, 3, 0), registry.stats().total());
        }
    }

    @Test
    void numericAndStringKeysAreTheSameUser() {
        try (JavaClient client = JavaClient.connect(server.uri())) {
            client.request("register", new JSONObject(Map.of("userid", 42)));
            assertEquals(1, registry.emit(Target.users("42"), "alert", "hi"));
            assertEquals(List.of("hi"), client.next().args());
        }
    }

    @Test
    void roomsEveryoneAndExceptions() {
        try (JavaClient a = JavaClient.connect(server.uri()).register("a");
             JavaClient b = JavaClient.connect(server.uri()).register("b");
             JavaClient c = JavaClient.connect(server.uri()).register("c")) {
            assertEquals(2, registry.join(Target.users("a", "b"), "editors"));
            assertEquals(2, registry.emit(Target.rooms("editors"), "room", 1));
            assertEquals("room", a.next().event());
            assertEquals("room", b.next().event());
            assertNull(c.poll(150));

            assertEquals(3, registry.emit(Target.everyone(), "all"));
            for (JavaClient x : List.of(a, b, c)) assertEquals("all", x.next().event());

            assertEquals(1, registry.emit(Target.everyone().exceptRooms("editors"), "not-editors"));
            assertEquals("not-editors", c.next().event());
            assertEquals(2, registry.emit(Target.everyone().exceptUsers("a"), "not-a"));
            assertEquals(1, registry.emit(Target.rooms("editors").exceptSockets(socketOf("a").id()), "editors-but-a"));
            assertEquals("not-a", b.next().event());
            assertEquals("editors-but-a", b.next().event());
            assertEquals("not-a", c.next().event());
            assertNull(a.poll(150), "a was excepted every time");

            assertEquals(0, registry.emit(Target.nobody().toUsers(List.of()), "nobody"), "an empty selection reaches nobody");
        }
    }

    private HeraldSocket socketOf(String user) {
        return registry.sockets(Target.users(user)).get(0);
    }

    @Test
    void socketsKnowTheirHandshake() {
        try (JavaClient client = JavaClient.connect(server.uri()).register("hs")) {
            HeraldSocket socket = socketOf("hs");
            assertEquals("127.0.0.1", socket.handshake().remoteAddress());
            assertEquals("websocket", socket.handshake().queryParam("transport"));
            assertEquals("4", socket.handshake().queryParam("EIO"));
            assertTrue(socket.handshake().header("Host").startsWith("127.0.0.1:"));
            assertEquals("websocket", socket.transport());
        }
    }

    @Test
    void clientAckIsAnsweredByTheServer() {
        try (JavaClient client = JavaClient.connect(server.uri())) {
            assertEquals(List.of("ping", 7), client.request("echo", "ping", 7));
        }
    }

    @Test
    void serverEmitWaitsForTheClientAck() throws Exception {
        try (JavaClient client = JavaClient.connect(server.uri()).register("u")) {
            client.socket().on("question", args -> ((io.socket.client.Ack) args[args.length - 1]).call("answer", args[0]));
            HeraldSocket socket = socketOf("u");
            List<Object> answer = socket.emitWithAck(Duration.ofSeconds(5), "question", 41)
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(List.of("answer", 41L), answer);
        }
    }

    @Test
    void serverEmitWithAckTimesOutWhenTheClientNeverAnswers() throws Exception {
        try (JavaClient client = JavaClient.connect(server.uri()).register("u")) {
            var stage = socketOf("u").emitWithAck(Duration.ofMillis(200), "ignored").toCompletableFuture();
            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> stage.get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, e.getCause());
        }
    }

    @Test
    void binaryTravelsBothWays() throws Exception {
        byte[] payload = {0, 1, 2, (byte) 0xff, 42};
        try (JavaClient client = JavaClient.connect(server.uri()).register("bin")) {
            client.socket().emit("record", "label", payload, new JSONObject(Map.of("nested", "x")));
            List<Object> got = serverReceived.poll(5, TimeUnit.SECONDS);
            assertEquals("label", got.get(0));
            assertArrayEquals(payload, (byte[]) got.get(1));

            assertEquals(1, registry.emit(Target.users("bin"), "file", Map.of("name", "f", "data", payload)));
            JSONObject file = (JSONObject) client.next().args().get(0);
            assertEquals("f", file.getString("name"));
            assertArrayEquals(payload, (byte[]) file.get("data"));
        }
    }

    @Test
    void namespacesShareOneConnectionAndLeaveIndependently() throws Exception {
        Manager manager = JavaClient.manager(server.uri());
        JavaClient main = JavaClient.on(manager, "/").awaitConnect();
        JavaClient admin = JavaClient.on(manager, "/admin").awaitConnect();
        JavaClient unknown = JavaClient.on(manager, "/unknown");
        try {
            Object error = unknown.connectResult();
            assertEquals("Invalid namespace", ((JSONObject) error).getString("message"));
            assertEquals(1, server.herald().engine().size(), "one Engine.IO connection for all namespaces");
            assertEquals(1, registry.emit(Target.everyone().in("/admin"), "adm"));
            assertEquals("adm", admin.next().event());
            assertNull(main.poll(100), "a namespace's events stay in it");

            admin.socket().disconnect();
            waitUntil(() -> registry.namespace("/admin").size() == 0);
            assertEquals(1, registry.emit(Target.everyone(), "still"));
            assertEquals("still", main.next().event());
        } finally {
            main.close();
        }
    }

    @Test
    void disconnectRemovesTheSocketFromEveryIndex() throws Exception {
        JavaClient client = JavaClient.connect(server.uri()).register("gone");
        registry.join(Target.users("gone"), "room");
        assertEquals(new Stats(1, 1, 1), registry.stats().total());
        client.close();
        waitUntil(() -> registry.stats().total().sockets() == 0);
        assertEquals(new Stats(0, 0, 0), registry.stats().total());
        assertTrue(registry.namespace("/").roomNames().isEmpty());
        assertFalse(registry.emit(Target.users("gone"), "x") > 0);
    }
}
