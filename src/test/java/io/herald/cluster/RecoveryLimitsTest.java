package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.herald.push.Target;
import io.herald.testing.ChildProcess;
import io.herald.testing.Eventually;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.SignedHttp;
import org.junit.jupiter.api.Test;

/**
 * Where connection state recovery stops: a client that comes back after {@code herald.recovery.window}, or
 * that missed more events than {@code herald.recovery.buffer} keeps, starts a new session (socket.io's
 * {@code socket.recovered} is false) rather than resuming with events silently missing.
 */
class RecoveryLimitsTest {
    private static final String KEY = "limits-key";
    private static final String SECRET = "RecoveryLimitsTest-secret-7d3f9a1c5e2b8046";

    private static void emitTo(SignedHttp api, String user, String text) {
        var r = api.send("POST", "/api/v1/emit", "{\"to\":{\"users\":[\"" + user + "\"]},\"event\":\"e\",\"data\":\"" + text + "\"}");
        assertEquals(200, r.statusCode(), r.body());
    }

    /** Connects, drops the connection, lets {@code whileAway} run, comes back; returns the second CONNECTED line. */
    private static String dropAndReturn(HeraldTestServer server, String user, Runnable whileAway) {
        try (ChildProcess page = ChildProcess.node("recovery-client.js", server.uri().toString(), user)) {
            SignedHttp api = new SignedHttp(server.uri(), KEY, SECRET);
            String sid = page.expect("CONNECTED ").split(" ")[1];
            page.expect("REGISTERED ");
            emitTo(api, user, "seen");
            assertEquals("EVENT e \"seen\"", page.expect("EVENT "));
            page.writeLine("DROP");
            page.expect("DISCONNECTED ");
            Eventually.waitUntil(() -> server.herald().registry().sockets(Target.users(user)).isEmpty());
            whileAway.run();
            page.writeLine("RECONNECT " + server.uri());
            String again = page.expect("CONNECTED ");
            assertNotEquals("CONNECTED " + sid + " true", again);
            return again;
        }
    }

    @Test
    void aClientBackAfterTheWindowStartsAfresh() {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.recovery", "true",
                "herald.recovery.window", "200", "herald.key", KEY, "herald.secret", SECRET))) {
            String again = dropAndReturn(server, "wanda", () -> sleep(600));
            assertEquals("false", again.split(" ")[2], "not recovered: " + again);
        }
    }

    @Test
    void aClientThatMissedMoreThanTheBufferHoldsStartsAfresh() {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.recovery", "true",
                "herald.recovery.buffer", "2", "herald.key", KEY, "herald.secret", SECRET))) {
            SignedHttp api = new SignedHttp(server.uri(), KEY, SECRET);
            String again = dropAndReturn(server, "bruno", () -> {
                for (int i = 1; i <= 3; i++) emitTo(api, "bruno", "missed " + i); // the offset she has is gone
            });
            assertEquals("false", again.split(" ")[2], "not recovered: " + again);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis); // past the window: what is tested is the window, not a speed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
