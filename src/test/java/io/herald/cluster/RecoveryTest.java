package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.push.Target;
import io.herald.testing.ChildProcess;
import io.herald.testing.Eventually;
import io.herald.testing.HeraldNode;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.SignedHttp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Connection state recovery with the stock socket.io client: a page that loses its connection and comes back
 * within the window gets its socket id back and every event it missed, once, in order; on the same node from
 * memory, and on another node from the Redis stream.
 */
class RecoveryTest {

    private static void emit(SignedHttp api, String body) {
        var r = api.send("POST", "/api/v1/emit", body);
        assertEquals(200, r.statusCode(), r.body());
    }

    private static String to(String user, String event, String text) {
        return "{\"to\":{\"users\":[\"" + user + "\"]},\"event\":\"" + event + "\",\"data\":\"" + text + "\"}";
    }

    private static String toAll(String event, String text) {
        return "{\"to\":{\"all\":true},\"event\":\"" + event + "\",\"data\":\"" + text + "\"}";
    }

    @Test
    void aClientThatComesBackGetsWhatItMissedOnceAndInOrder() {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.recovery", "true", "herald.key", "k", "herald.secret", "s-secret-0123456789"));
             ChildProcess page = ChildProcess.node("recovery-client.js", server.uri().toString(), "rita")) {
            SignedHttp api = new SignedHttp(server.uri(), "k", "s-secret-0123456789");
            String sid = page.expect("CONNECTED ").split(" ")[1];
            page.expect("REGISTERED ");
            emit(api, to("rita", "live", "one"));
            assertEquals("EVENT live \"one\"", page.expect("EVENT "));

            page.writeLine("DROP");
            page.expect("DISCONNECTED ");
            Eventually.waitUntil(() -> server.herald().registry().sockets(Target.users("rita")).isEmpty());
            emit(api, to("rita", "missed", "two"));
            emit(api, to("someone-else", "not-hers", "x"));
            emit(api, toAll("missed", "three"));

            page.writeLine("RECONNECT " + server.uri());
            assertEquals("CONNECTED " + sid + " true", page.expect("CONNECTED "), "same socket id, recovered");
            assertEquals("EVENT missed \"two\"", page.expect("EVENT "));
            assertEquals("EVENT missed \"three\"", page.expect("EVENT "));
            emit(api, to("rita", "live", "four")); // she is still user rita: her rooms came back with her
            assertEquals("EVENT live \"four\"", page.expect("EVENT "), "nothing twice, nothing of others");
        }
    }

    @Test
    void aClientRecoversOnAnotherNodeFromTheRedisStream() {
        String key = "herald-recovery-" + UUID.randomUUID();
        Map<String, String> settings = Map.of("herald.cluster.redis", "redis://127.0.0.1:6379", "herald.cluster.key", key,
                "herald.recovery", "true", "herald.key", "k", "herald.secret", "s-secret-0123456789", "herald.signedRegistration", "false");
        try (HeraldTestServer nodeA = HeraldTestServer.start(config("herald.cluster.redis", "redis://127.0.0.1:6379",
                "herald.cluster.key", key, "herald.recovery", "true", "herald.key", "k", "herald.secret", "s-secret-0123456789"));
             ChildProcess page = ChildProcess.node("recovery-client.js", nodeA.uri().toString(), "tess")) {
            SignedHttp api = new SignedHttp(nodeA.uri(), "k", "s-secret-0123456789");
            String sid = page.expect("CONNECTED ").split(" ")[1];
            page.expect("REGISTERED ");
            emit(api, to("tess", "live", "one"));
            assertEquals("EVENT live \"one\"", page.expect("EVENT "));

            page.writeLine("DROP");
            page.expect("DISCONNECTED ");
            Eventually.waitUntil(() -> nodeA.herald().registry().sockets(Target.users("tess")).isEmpty());
            emit(api, to("tess", "missed", "two"));
            emit(api, to("someone-else", "not-hers", "x"));
            emit(api, toAll("missed", "three"));

            // a node that was not even running when the events were sent: it reads them from Redis
            try (HeraldNode.Running nodeB = HeraldNode.start(settings)) {
                page.writeLine("RECONNECT " + nodeB.uri());
                assertEquals("CONNECTED " + sid + " true", page.expect("CONNECTED "), "same socket id, recovered on node B");
                assertEquals("EVENT missed \"two\"", page.expect("EVENT "));
                assertEquals("EVENT missed \"three\"", page.expect("EVENT "));
                emit(api, to("tess", "live", "four")); // from node A, through the cluster, to tess on node B
                assertEquals("EVENT live \"four\"", page.expect("EVENT "));
            }
        }
    }
}
