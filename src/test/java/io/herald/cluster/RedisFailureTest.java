package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.protocol.json.Json;
import io.herald.testing.Eventually;
import io.herald.testing.HeraldNode;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.herald.testing.RedisServer;
import io.herald.testing.SignedHttp;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis goes away and comes back under a running two-node cluster: each node keeps delivering to its own
 * sockets and says it is degraded, and once Redis is back delivery across nodes resumes with nothing restarted.
 */
class RedisFailureTest {

    private static Map<String, String> settings(String redis) {
        return Map.of("herald.cluster.redis", redis, "herald.key", "k", "herald.secret", "s-secret-0123456789",
                "herald.signedRegistration", "false");
    }

    private static String state(URI node) {
        var stats = new SignedHttp(node, "k", "s-secret-0123456789").send("GET", "/api/v1/stats", null);
        assertEquals(200, stats.statusCode(), stats.body());
        try {
            return (String) ((Map<?, ?>) ((Map<?, ?>) Json.parse(stats.body())).get("cluster")).get("state");
        } catch (io.herald.protocol.ProtocolException e) {
            throw new AssertionError(stats.body(), e);
        }
    }

    private static void emitTo(SignedHttp api, String user, String event) {
        var r = api.send("POST", "/api/v1/emit", "{\"to\":{\"users\":[\"" + user + "\"]},\"event\":\"" + event + "\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void localDeliveryGoesOnWhileRedisIsDownAndTheClusterHealsWhenItReturns() {
        try (RedisServer redis = RedisServer.start();
             HeraldNode.Running nodeB = HeraldNode.start(settings(redis.uri()));
             HeraldTestServer nodeA = HeraldTestServer.start(config("herald.cluster.redis", redis.uri(), "herald.key", "k",
                     "herald.secret", "s-secret-0123456789"));
             JavaClient local = JavaClient.connect(nodeA.uri()).register("local");
             JavaClient remote = JavaClient.connect(nodeB.uri()).register("remote")) {
            SignedHttp api = new SignedHttp(nodeA.uri(), "k", "s-secret-0123456789");
            emitTo(api, "remote", "before");
            assertEquals("before", remote.next().event());

            redis.stop();
            Eventually.waitUntil(10, () -> state(nodeA.uri()).equals("degraded"));
            assertEquals("degraded", state(nodeB.uri()));
            emitTo(api, "local", "during");
            assertEquals("during", local.next().event(), "a node without Redis still delivers to its own sockets");
            emitTo(api, "remote", "lost"); // cannot cross while Redis is away; must not come late either

            redis.startAgain();
            Eventually.waitUntil(15, () -> state(nodeA.uri()).equals("ok") && state(nodeB.uri()).equals("ok"));
            // the subscription may come back a moment after the connection: retry until one crosses
            Eventually.waitUntil(10, () -> {
                emitTo(api, "remote", "after");
                JavaClient.Received r = remote.poll(300);
                if (r != null) assertEquals("after", r.event(), "the emit made while Redis was down must not arrive");
                return r != null;
            });
        }
    }

    @Test
    void aNodeStartedWhileRedisIsDownServesLocallyAndJoinsTheClusterWhenRedisComesUp() {
        try (RedisServer redis = RedisServer.start()) {
            redis.stop();
            try (HeraldTestServer nodeA = HeraldTestServer.start(config("herald.cluster.redis", redis.uri(), "herald.key", "k",
                    "herald.secret", "s-secret-0123456789"));
                 JavaClient local = JavaClient.connect(nodeA.uri()).register("local")) {
                SignedHttp api = new SignedHttp(nodeA.uri(), "k", "s-secret-0123456789");
                assertEquals("degraded", state(nodeA.uri()));
                emitTo(api, "local", "alone");
                assertEquals("alone", local.next().event());

                redis.startAgain();
                Eventually.waitUntil(10, () -> state(nodeA.uri()).equals("ok"));
                try (HeraldNode.Running nodeB = HeraldNode.start(settings(redis.uri()));
                     JavaClient remote = JavaClient.connect(nodeB.uri()).register("remote")) {
                    emitTo(api, "remote", "joined");
                    assertEquals("joined", remote.next().event());
                }
            }
        }
    }

    @Test
    void garbageOnTheClusterChannelsIsLoggedAndIgnored() throws Exception {
        try (RedisServer redis = RedisServer.start();
             HeraldNode.Running nodeB = HeraldNode.start(settings(redis.uri()));
             HeraldTestServer nodeA = HeraldTestServer.start(config("herald.cluster.redis", redis.uri(), "herald.key", "k",
                     "herald.secret", "s-secret-0123456789"));
             JavaClient remote = JavaClient.connect(nodeB.uri()).register("remote")) {
            for (String channel : new String[] {"socket.io#/#", "socket.io#/#remote#", "socket.io-request#/#", "socket.io-response#/#"}) {
                publishRaw(redis, channel, new byte[] {(byte) 0x93, (byte) 0xc1, '{'});
                publishRaw(redis, channel, "{\"type\":5,\"requestId\":".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            emitTo(new SignedHttp(nodeA.uri(), "k", "s-secret-0123456789"), "remote", "still-fine");
            assertEquals("still-fine", remote.next().event());
        }
    }

    /** PUBLISH over a plain socket, in RESP, with any bytes as the message. */
    private static void publishRaw(RedisServer redis, String channel, byte[] message) throws java.io.IOException {
        URI uri = URI.create(redis.uri());
        try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            var out = socket.getOutputStream();
            byte[] ch = channel.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.write(("*3\r\n$7\r\nPUBLISH\r\n$" + ch.length + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(ch);
            out.write(("\r\n$" + message.length + "\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(message);
            out.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read(); // the reply: the message went out before we close
        }
    }
}
