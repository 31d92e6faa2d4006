package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.testing.ChildProcess;
import io.herald.testing.HeraldNode;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two Herald servers, this JVM's and another process, sharing delivery over the machine's Redis: what one
 * node is asked to push reaches the sockets of the other, and socket.io's own npm emitter pushes into both.
 * Each run uses its own channel prefix, so parallel runs and other Redis users do not cross.
 */
class ClusterTest {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String KEY = "herald-test-" + UUID.randomUUID();
    private static HeraldTestServer nodeA;
    private static HeraldNode.Running nodeB;
    private static SignedHttp apiA;
    private static SignedHttp blogA;
    private static final java.nio.file.Path APPS = appsFile();

    private static java.nio.file.Path appsFile() {
        try {
            java.nio.file.Path file = java.nio.file.Files.createTempFile("herald-cluster-apps", ".json");
            file.toFile().deleteOnExit();
            java.nio.file.Files.writeString(file, "[{\"id\":\"blog\",\"key\":\"blog-key\",\"secret\":\"blog-secret-0123456789\"}]");
            return file;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("herald.cluster.redis", REDIS);
        s.put("herald.cluster.key", KEY);
        s.put("herald.key", "cluster-key");
        s.put("herald.secret", "cluster-secret-0123456789");
        s.put("herald.unsignedEmit", "true");
        s.put("herald.signedRegistration", "false");
        s.put("herald.namespaces", "/,/admin");
        s.put("herald.apps", APPS.toString());
        return s;
    }

    @BeforeAll
    static void startTwoNodes() {
        nodeB = HeraldNode.start(settings());
        nodeA = HeraldTestServer.start(config(settings().entrySet().stream()
                .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue())).toArray(String[]::new)));
        apiA = new SignedHttp(nodeA.uri(), "cluster-key", "cluster-secret-0123456789");
        blogA = new SignedHttp(nodeA.uri(), "blog-key", "blog-secret-0123456789");
    }

    @AfterAll
    static void stopNodes() {
        if (nodeA != null) nodeA.close();
        if (nodeB != null) nodeB.close();
    }

    private static String emit(String body) {
        var response = apiA.send("POST", "/api/v1/emit", body);
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void anEmitOnOneNodeReachesTheUsersRoomsAndEveryoneOnTheOther() throws Exception {
        try (JavaClient ann = JavaClient.connect(nodeB.uri()).register("ann");
             JavaClient bob = JavaClient.connect(nodeB.uri()).register("bob");
             JavaClient carl = JavaClient.connect(nodeA.uri()).register("carl")) {
            // a user
            assertEquals("{\"delivered\":0}", emit("{\"to\":{\"users\":[\"ann\"]},\"event\":\"hello\",\"data\":{\"n\":1}}"));
            JavaClient.Received got = ann.next("hello");
            assertEquals(1, ((JSONObject) got.args().get(0)).getInt("n"));

            // everyone except a user: carl here, ann there, not bob
            assertEquals("{\"delivered\":1}", emit("{\"to\":{\"all\":true},\"except\":{\"users\":[\"bob\"]},\"event\":\"news\",\"data\":\"n1\"}"));
            assertEquals("n1", carl.next("news").args().get(0));
            assertEquals("n1", ann.next("news").args().get(0));
            emit("{\"to\":{\"users\":[\"bob\"]},\"event\":\"marker\"}"); // published after "news": bob's queue is in order
            assertEquals("marker", bob.next().event(), "bob was excepted and must not get the news");

            // a server-side join on node A for a user on node B, then an emit to the room from node A
            var joined = apiA.send("PUT", "/api/v1/users/ann/rooms/editors", "");
            assertEquals(200, joined.statusCode(), joined.body());
            io.herald.testing.Eventually.waitUntil(() -> {
                emit("{\"to\":{\"rooms\":[\"editors\"]},\"event\":\"draft\"}");
                JavaClient.Received r = ann.poll(200);
                return r != null && r.event().equals("draft");
            });
            assertNull(bob.poll(300), "bob is not an editor");
        }
    }

    @Test
    void theDoitEmitOnOneNodeReachesTheOther() throws Exception {
        try (JavaClient dana = JavaClient.connect(nodeB.uri()).register("dana")) {
            var response = Http.get(nodeA.url("/emit?id=dana&message=doit&text=hi"));
            assertEquals("OK", response.body());
            JavaClient.Received got = dana.next("doit");
            assertEquals("hi", ((JSONObject) got.args().get(0)).getString("text"));
        }
    }

    @Test
    void appsStayApartAcrossNodes() {
        try (JavaClient eve = JavaClient.connect(nodeB.uri()).register("eve")) {
            // another app names eve's user key and even her socket id: nothing reaches her on node B
            var blog = blogA.send("POST", "/api/v1/emit", "{\"to\":{\"users\":[\"eve\"],\"sockets\":[\"" + eve.id() + "\"]},\"event\":\"leak\"}");
            assertEquals(200, blog.statusCode(), blog.body());
            blog = blogA.send("POST", "/api/v1/emit", "{\"to\":{\"all\":true},\"event\":\"leak\"}");
            assertEquals(200, blog.statusCode(), blog.body());
            // her own app reaches her by socket id across nodes, after whatever leaked would have arrived
            emit("{\"to\":{\"sockets\":[\"" + eve.id() + "\"]},\"event\":\"direct\"}");
            assertEquals("direct", eve.next().event(), "nothing of the blog app may arrive first");
        }
    }

    @Test
    void statsAndSocketsOfAUserCoverEveryNode() {
        try (JavaClient fay1 = JavaClient.connect(nodeA.uri()).register("fay");
             JavaClient fay2 = JavaClient.connect(nodeB.uri()).register("fay")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> sockets = (Map<String, Object>) parse(apiA.send("GET", "/api/v1/users/fay/sockets", null).body());
            List<?> list = (List<?>) sockets.get("sockets");
            assertEquals(2, list.size(), sockets.toString());
            assertEquals(true, sockets.get("complete"));
            assertTrue(list.stream().anyMatch(s -> ((Map<?, ?>) s).get("id").equals(fay2.id()) && ((Map<?, ?>) s).get("local").equals(false)), sockets.toString());

            Map<?, ?> stats = (Map<?, ?>) parse(apiA.send("GET", "/api/v1/stats", null).body());
            Map<?, ?> node = (Map<?, ?>) stats.get("node");
            assertEquals(1L, node.get("users"), stats.toString()); // this node knows only its own fay socket
            assertTrue((Long) stats.get("sockets") >= 2, stats.toString());
            assertEquals("ok", ((Map<?, ?>) stats.get("cluster")).get("state"));
            assertEquals("redis", ((Map<?, ?>) stats.get("cluster")).get("mode"));

            // leaving on all nodes: fay2 (node B) leaves the room node A asked it to join
            apiA.send("PUT", "/api/v1/users/fay/rooms/club", "");
            io.herald.testing.Eventually.waitUntil(() -> roomsOf("fay", fay2.id()).contains("club"));
            apiA.send("DELETE", "/api/v1/users/fay/rooms/club", "");
            io.herald.testing.Eventually.waitUntil(() -> !roomsOf("fay", fay2.id()).contains("club"));
        }
    }

    private static List<?> roomsOf(String user, String socketId) {
        Map<?, ?> sockets = (Map<?, ?>) parse(apiA.send("GET", "/api/v1/users/" + user + "/sockets", null).body());
        for (Object s : (List<?>) sockets.get("sockets")) {
            if (((Map<?, ?>) s).get("id").equals(socketId)) return (List<?>) ((Map<?, ?>) s).get("rooms");
        }
        return List.of();
    }

    @Test
    void socketIosNpmEmitterPublishesIntoTheCluster() throws Exception {
        try (JavaClient gus = JavaClient.connect(nodeB.uri()).register("gus");
             JavaClient hal = JavaClient.connect(nodeA.uri()).register("hal")) {
            ChildProcess.Result r = ChildProcess.run(30, "redis-emitter.js", REDIS, KEY, "emit-to", "gus", "from-node", "hi gus");
            assertTrue(r.lines().contains("DONE"), r.lines().toString());
            JavaClient.Received got = gus.next("from-node");
            assertEquals("hi gus", ((JSONObject) got.args().get(0)).getString("text"));

            // io.in("hal").socketsJoin("vip") from the emitter, then an emit to the room "vip"
            r = ChildProcess.run(30, "redis-emitter.js", REDIS, KEY, "join", "hal", "vip");
            assertTrue(r.lines().contains("DONE"), r.lines().toString());
            io.herald.testing.Eventually.waitUntil(() -> {
                ChildProcess.run(30, "redis-emitter.js", REDIS, KEY, "emit-to", "vip", "vip-news", "for vips");
                JavaClient.Received v = hal.poll(300);
                return v != null && v.event().equals("vip-news");
            });
            assertNull(gus.poll(200), "gus did not join vip");

            r = ChildProcess.run(30, "redis-emitter.js", REDIS, KEY, "emit-all", "all-news", "for all");
            assertTrue(r.lines().contains("DONE"), r.lines().toString());
            assertEquals("all-news", gus.next("all-news").event());
            assertEquals("all-news", hal.next("all-news").event());
        }
    }

    private static Object parse(String json) {
        try {
            return Json.parse(json);
        } catch (io.herald.protocol.ProtocolException e) {
            throw new AssertionError(json, e);
        }
    }
}
