package io.herald.demo;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/** The demo page's events let any page push to anyone: they exist only where {@code herald.demo} turns them on. */
class DemoSwitchTest {

    private static void pushToAlice(JavaClient from) {
        from.socket().emit("demo:push", new JSONObject(Map.of("to", "alice", "text", "hi")));
    }

    @Test
    void aFreshServerIgnoresTheDemosPushes() {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.signedRegistration", "false"));
             JavaClient alice = JavaClient.connect(server.uri()).register("alice");
             JavaClient mallory = JavaClient.connect(server.uri())) {
            pushToAlice(mallory);
            assertNull(alice.poll(500), "no note and no presence list reach alice");
        }
    }

    @Test
    void withTheDemoOnAPageMayPushToAUser() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.signedRegistration", "false", "herald.demo", "true"));
             JavaClient alice = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri())) {
            pushToAlice(bob);
            assertEquals("hi", ((JSONObject) alice.next("demo:note").args().get(0)).getString("text"));
        }
    }
}
