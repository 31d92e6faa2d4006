package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.protocol.msgpack.MsgpackWriter;
import io.herald.registry.Registry;
import io.herald.push.Target;
import io.herald.socket.HeraldSocket;
import io.herald.testing.Eventually;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.socket.client.IO;
import io.socket.engineio.client.transports.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What anything that can publish to the cluster's Redis reaches, when its messages name no app (as
 * socket.io's emitters send them, here published raw in the adapter's format): the default app's sockets,
 * users and rooms only. Another app's names ({@code app:blog:…}) and its sockets' ids select nothing, for
 * broadcasts, joins, leaves, disconnects and fetches alike. One Herald node on the machine's Redis, with a
 * channel prefix of its own.
 */
class ClusterAppsTest {
    private static final String REDIS = "redis://127.0.0.1:6379";
    private static final String KEY = "herald-caps-apps-" + UUID.randomUUID();
    private static HeraldTestServer node;
    private static RedisClient redis;
    private static StatefulRedisConnection<byte[], byte[]> pub;
    private JavaClient mine;  // the default app's user alice
    private JavaClient blogs; // the blog app's user alice

    @BeforeAll
    static void start() throws Exception {
        Path apps = Files.createTempFile("herald-caps-apps", ".json");
        apps.toFile().deleteOnExit();
        Files.writeString(apps, "[{\"id\":\"blog\",\"key\":\"blog-key\",\"secret\":\"blog-secret-0123456789\",\"signedRegistration\":false}]");
        node = HeraldTestServer.start(config("herald.cluster.redis", REDIS, "herald.cluster.key", KEY,
                "herald.apps", apps.toString()));
        redis = RedisClient.create(REDIS);
        pub = redis.connect(ByteArrayCodec.INSTANCE);
    }

    @AfterAll
    static void stop() {
        if (pub != null) pub.close();
        if (redis != null) redis.shutdown();
        if (node != null) node.close();
    }

    @BeforeEach
    void connect() {
        mine = JavaClient.connect(node.uri()).register("alice");
        IO.Options blog = IO.Options.builder().setForceNew(true).setReconnection(false)
                .setTransports(new String[] {WebSocket.NAME}).setQuery("app=blog-key").build();
        blogs = JavaClient.connect(node.uri(), "/", blog).register("alice");
    }

    @AfterEach
    void close() {
        mine.close();
        blogs.close();
    }

    private static Registry registry() {
        return node.herald().registry();
    }

    /** The Herald socket of a client of the blog app (or the default app), with its raw room names. */
    private static HeraldSocket socket(String app, String id) {
        List<HeraldSocket> found = registry().sockets(Target.sockets(id).inApp(app));
        assertEquals(1, found.size(), "socket " + id + " of " + app);
        return found.get(0);
    }

    /** A broadcast as socket.io's emitter publishes it; {@code app} null for an emitter's (no Herald flag). */
    private static void broadcast(String app, List<String> rooms, String event) {
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("type", 2);
        packet.put("data", List.of(event, "x"));
        packet.put("nsp", "/");
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("rooms", rooms);
        opts.put("except", List.of());
        opts.put("flags", app == null ? Map.of() : Map.of("heraldApp", app));
        String channel = KEY + "#/#" + (rooms.size() == 1 ? rooms.get(0) + "#" : "");
        pub.sync().publish(channel.getBytes(UTF_8), MsgpackWriter.write(List.of("emitter", packet, opts)));
    }

    /** A request as socket.io's emitter publishes it (JSON, no app). */
    private static void request(Map<String, Object> request) {
        pub.sync().publish((KEY + "-request#/#").getBytes(UTF_8), Json.write(request).getBytes(UTF_8));
    }

    private static Map<String, Object> selecting(int type, List<String> rooms) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("uid", "emitter");
        request.put("type", type);
        request.put("opts", Map.of("rooms", rooms, "except", List.of()));
        return request;
    }

    @Test
    void aBroadcastWithoutAnAppReachesTheDefaultAppOnly() {
        broadcast(null, List.of("app:blog:user:alice"), "leak");     // another app's name
        broadcast(null, List.of(blogs.id()), "leak");                // another app's socket id
        broadcast(null, List.of("app:blog:user:alice", "alice"), "hello"); // a bare name: the default app's alice
        broadcast("blog", List.of("app:blog:user:alice"), "marker"); // the blog app's own message, published last
        assertEquals("hello", mine.next().event());
        assertEquals("marker", blogs.next().event(), "nothing without an app may reach the blog app's socket");
    }

    @Test
    void joinsAndLeavesWithoutAnAppStayInTheDefaultApp() {
        HeraldSocket blogSocket = socket("blog", blogs.id());
        registry().join(Target.sockets(blogs.id()).inApp("blog"), "kept");
        assertTrue(blogSocket.rooms().contains("app:blog:room:kept"));

        Map<String, Object> join = selecting(ClusterRequest.REMOTE_JOIN, List.of("app:blog:user:alice", blogs.id()));
        join.put("rooms", List.of("stolen"));
        request(join);
        Map<String, Object> leave = selecting(ClusterRequest.REMOTE_LEAVE, List.of(blogs.id()));
        leave.put("rooms", List.of("app:blog:room:kept"));
        request(leave);
        Map<String, Object> foreignRoom = selecting(ClusterRequest.REMOTE_JOIN, List.of("alice"));
        foreignRoom.put("rooms", List.of("app:blog:room:planted", "club")); // the last one is the default app's own
        request(foreignRoom);

        HeraldSocket mySocket = socket("default", mine.id());
        Eventually.waitUntil(() -> mySocket.rooms().contains("app:default:room:club")); // published last
        assertFalse(mySocket.rooms().contains("app:blog:room:planted"), mySocket.rooms().toString());
        assertTrue(blogSocket.rooms().contains("app:blog:room:kept"), blogSocket.rooms().toString());
        for (String room : blogSocket.rooms()) {
            assertTrue(room.equals(blogSocket.id()) || room.startsWith("app:blog"), "blog socket in " + room);
        }
    }

    @Test
    void socketIosNpmEmitterCannotPutTheDefaultAppsSocketsInAnotherAppsUserRoom() {
        // emitter.in("app:default").socketsJoin("app:blog:user:alice"), then the blog app pushes to its alice
        var r = io.herald.testing.ChildProcess.run(30, "redis-emitter.js", REDIS, KEY, "join", "app:default", "app:blog:user:alice");
        assertTrue(r.lines().contains("DONE"), r.lines().toString());
        Map<String, Object> marker = selecting(ClusterRequest.REMOTE_JOIN, List.of("alice"));
        marker.put("rooms", List.of("after-emitter")); // published after the emitter's request: applied after it
        request(marker);
        HeraldSocket mySocket = socket("default", mine.id());
        Eventually.waitUntil(() -> mySocket.rooms().contains("app:default:room:after-emitter"));
        assertFalse(mySocket.rooms().contains("app:blog:user:alice"), mySocket.rooms().toString());
        assertEquals(1, registry().emit(Target.users("alice").inApp("blog"), "for-blog-alice"), "the blog app's alice only");
        assertEquals("for-blog-alice", blogs.next().event());
    }

    @Test
    void aJoinThatNamesItsAppActsOnThatAppsSockets() {
        Map<String, Object> join = selecting(ClusterRequest.REMOTE_JOIN, List.of("app:blog:user:alice"));
        join.put("opts", Map.of("rooms", List.of("app:blog:user:alice"), "except", List.of(), "flags", Map.of("heraldApp", "blog")));
        join.put("rooms", List.of("app:blog:room:vip")); // as a Herald node sends a blog app's join
        request(join);
        HeraldSocket blogSocket = socket("blog", blogs.id());
        Eventually.waitUntil(() -> blogSocket.rooms().contains("app:blog:room:vip"));
        assertFalse(socket("default", mine.id()).rooms().contains("app:blog:room:vip"));
    }

    @Test
    void aDisconnectWithoutAnAppLeavesOtherAppsConnected() {
        request(selecting(ClusterRequest.REMOTE_DISCONNECT, List.of(blogs.id())));
        request(selecting(ClusterRequest.REMOTE_DISCONNECT, List.of("app:blog")));
        broadcast("blog", List.of("app:blog:user:alice"), "still-here");
        assertEquals("still-here", blogs.next().event());
        assertTrue(socket("blog", blogs.id()).isConnected());
        assertTrue(socket("default", mine.id()).isConnected(), "only another app's names: nobody, not everyone");
    }

    @Test
    void aFetchWithoutAnAppListsTheDefaultAppsSocketsOnly() throws Exception {
        BlockingQueue<Map<?, ?>> answers = new LinkedBlockingQueue<>();
        StatefulRedisPubSubConnection<byte[], byte[]> sub = redis.connectPubSub(ByteArrayCodec.INSTANCE);
        try {
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] channel, byte[] message) {
                    try {
                        answers.add((Map<?, ?>) Json.parse(new String(message, UTF_8)));
                    } catch (io.herald.protocol.ProtocolException e) {
                        throw new AssertionError(e);
                    }
                }
            });
            sub.sync().subscribe((KEY + "-response#/#").getBytes(UTF_8));

            Map<String, Object> foreign = selecting(ClusterRequest.REMOTE_FETCH, List.of(blogs.id(), "app:blog", "app:blog:user:alice"));
            foreign.put("requestId", "foreign");
            request(foreign);
            Map<String, Object> everyone = selecting(ClusterRequest.REMOTE_FETCH, List.of());
            everyone.put("requestId", "everyone");
            request(everyone);

            Map<?, ?> first = answers.poll(5, TimeUnit.SECONDS);
            Map<?, ?> second = answers.poll(5, TimeUnit.SECONDS);
            assertEquals("foreign", first.get("requestId"));
            assertEquals(List.of(), first.get("sockets"), "another app's sockets must not be listed");
            assertEquals("everyone", second.get("requestId"));
            List<?> listed = (List<?>) second.get("sockets");
            assertEquals(Set.of(mine.id()), Set.copyOf(listed.stream().map(s -> ((Map<?, ?>) s).get("id")).toList()));
        } finally {
            sub.close();
        }
    }
}
