package io.herald.recovery;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.testing.Eventually;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.herald.testing.RawWebSocket;
import io.herald.testing.RedisServer;
import io.herald.testing.SignedHttp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery with the cluster on, against a Redis of the test's own: a Redis that stops
 * answering holds up neither emits nor a connection's thread, and what a recovering client sends (its pid and
 * offset) costs at most one lookup a connection, none when it is not of the form Herald gives.
 */
class RecoveryWithRedisTest {

    private static HeraldTestServer herald(RedisServer redis) {
        // a long request timeout: before recovery left the emit path, every emit waited this long for Redis
        return HeraldTestServer.start(config("herald.cluster.redis", redis.uri(), "herald.cluster.key", "herald-recovery-" + UUID.randomUUID(),
                "herald.cluster.requestTimeout", "60000", "herald.recovery", "true", "herald.key", "k", "herald.secret", "recovery-secret-0123456789",
                "herald.signedRegistration", "false"));
    }

    private static RawWebSocket open(HeraldTestServer server) {
        RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"));
        assertTrue(ws.next().startsWith("0{"));
        return ws;
    }

    private static String wellFormedOffset() {
        return System.currentTimeMillis() + "-1-abc";
    }

    private static Map<?, ?> answer(String packet, String prefix) throws Exception {
        assertTrue(packet.startsWith(prefix), packet);
        return (Map<?, ?>) Json.parse(packet.substring(prefix.length()));
    }

    @Test
    void aRedisThatStopsAnsweringHoldsUpNeitherEmitsNorARecoveringConnection() throws Exception {
        try (RedisServer redis = RedisServer.start();
             HeraldTestServer server = herald(redis);
             JavaClient ann = JavaClient.connect(server.uri()).register("ann");
             RawWebSocket comeback = open(server)) {
            SignedHttp api = new SignedHttp(server.uri(), "k", "recovery-secret-0123456789");
            redis.pause();
            try {
                comeback.send("40{\"pid\":\"aaaaaaaaaaaaaaaaaaaa\",\"offset\":\"" + wellFormedOffset() + "\"}"); // needs Redis to answer
                for (int i = 0; i < 3; i++) {
                    var r = api.send("POST", "/api/v1/emit", "{\"to\":{\"users\":[\"ann\"]},\"event\":\"e\",\"data\":" + i + "}");
                    assertEquals(200, r.statusCode(), r.body());
                    assertEquals(i, ((Number) ann.next("e").args().get(0)).intValue(), "delivered while Redis is stopped");
                }
            } finally {
                redis.resume();
            }
            assertTrue(answer(comeback.next(), "40").containsKey("sid"), "an unknown pid: a new socket once Redis answered");
        }
    }

    @Test
    void repeatedConnectsWithABogusPidGetOneLookup() throws Exception {
        try (RedisServer redis = RedisServer.start();
             HeraldTestServer server = herald(redis);
             RawWebSocket ws = open(server)) {
            for (int i = 0; i < 5; i++) {
                ws.send("40{\"pid\":\"bbbbbbbbbbbbbbbbbbbb\",\"offset\":\"" + wellFormedOffset() + "\",\"app\":\"nope\"}");
                assertEquals("Unknown app", answer(ws.next(), "44").get("message"));
            }
            assertEquals(1, redis.calls("getdel"), "one recovery attempt a connection");
        }
    }

    @Test
    void anOffsetOfAnotherFormIsRefusedWithoutReadingTheStream() throws Exception {
        try (RedisServer redis = RedisServer.start();
             HeraldTestServer server = herald(redis)) {
            String sid, pid;
            try (RawWebSocket first = open(server)) {
                first.send("40");
                Map<?, ?> connected = answer(first.next(), "40");
                sid = (String) connected.get("sid");
                pid = (String) connected.get("pid");
                first.abort(); // a transport close: the session is kept for recovery
            }
            Eventually.waitUntil(() -> server.herald().sockets().namespace("/").size() == 0);
            try (RawWebSocket again = open(server)) {
                again.send("40{\"pid\":\"" + pid + "\",\"offset\":\"-\"}"); // "-" was read as the start of the stream
                assertNotEquals(sid, answer(again.next(), "40").get("sid"), "not recovered");
            }
            assertEquals(0, redis.calls("xrange"), "no stream read for an offset Herald never gives");
        }
    }
}
