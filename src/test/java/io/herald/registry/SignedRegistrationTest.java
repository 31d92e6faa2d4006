package io.herald.registry;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.security.App;
import io.herald.security.RegistrationToken;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.socket.client.IO;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apps require signed registrations by default: knowing a user key is not enough to receive its events. */
class SignedRegistrationTest {
    private HeraldTestServer server;
    private App app;

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.signedRegistration", "true", "herald.secret", "s3cret-0123456789abc"));
        app = server.herald().registry().apps().defaultApp();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JSONObject registration(String user, long expires, String token) {
        return new JSONObject(Map.of("userid", user, "expires", expires, "token", token));
    }

    private void assertRefused(JavaClient page, List<Object> answer, String reason) throws Exception {
        JSONObject ack = (JSONObject) answer.get(0);
        assertFalse(ack.getBoolean("ok"));
        assertEquals(401, ack.getJSONObject("error").getInt("code"));
        assertTrue(ack.getJSONObject("error").getString("message").contains(reason), ack.toString());
        assertEquals("register:error", page.next().event(), "the page sees the refusal");
        assertEquals(0, server.herald().registry().emit(io.herald.push.Target.users("alice"), "secret"), "joined nothing");
    }

    @Test
    void unsignedRegisterIsRefused() throws Exception {
        try (JavaClient page = JavaClient.connect(server.uri())) {
            assertRefused(page, page.request("register", new JSONObject(Map.of("userid", "alice"))), "token");
        }
    }

    @Test
    void validTokenBindsTheUser() throws Exception {
        long expires = Instant.now().getEpochSecond() + 60;
        try (JavaClient page = JavaClient.connect(server.uri())) {
            JSONObject ack = (JSONObject) page.request("register",
                    registration("alice", expires, RegistrationToken.create(app, "alice", expires))).get(0);
            assertTrue(ack.getBoolean("ok"));
            assertEquals(1, server.herald().registry().emit(io.herald.push.Target.users("alice"), "welcome"));
            assertEquals("welcome", page.next().event());
        }
    }

    @Test
    void expiredForgedOrBorrowedTokensAreRefused() throws Exception {
        long past = Instant.now().getEpochSecond() - 1;
        long future = Instant.now().getEpochSecond() + 60;
        App forger = new App(app.id(), null, "guessed", app.origins(), true, false, List.of());
        try (JavaClient page = JavaClient.connect(server.uri())) {
            assertRefused(page, page.request("register", registration("alice", past, RegistrationToken.create(app, "alice", past))), "expired");
            assertRefused(page, page.request("register", registration("alice", future, RegistrationToken.create(forger, "alice", future))), "invalid");
            assertRefused(page, page.request("register", registration("alice", future, RegistrationToken.create(app, "bob", future))), "invalid");
            assertRefused(page, page.request("register", registration("alice", future + 1, RegistrationToken.create(app, "alice", future))), "invalid");
        }
    }

    @Test
    void connectAuthCanCarryTheSignedUser() throws Exception {
        long expires = Instant.now().getEpochSecond() + 60;
        IO.Options forged = JavaClient.options();
        forged.auth = Map.of("user", "alice", "expires", String.valueOf(expires), "token", "not-a-token");
        JavaClient refused = JavaClient.connect(server.uri(), "/", forged, false);
        assertEquals("Registration refused: invalid token", ((JSONObject) refused.connectResult()).getString("message"));
        refused.close();

        IO.Options good = JavaClient.options(); // the Java client sends auth values as strings
        good.auth = Map.of("user", "alice", "expires", String.valueOf(expires), "token", RegistrationToken.create(app, "alice", expires));
        try (JavaClient page = JavaClient.connect(server.uri(), "/", good)) {
            assertEquals(1, server.herald().registry().emit(io.herald.push.Target.users("alice"), "bound"));
            assertEquals("bound", page.next().event());
        }
    }
}
