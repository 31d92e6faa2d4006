package io.herald.api;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.ChildProcess;
import io.herald.testing.Tools;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import java.io.File;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's backend examples, run as written: PHP (signing with hash_hmac, a registration token for
 * the page) and the shell (curl + openssl), and the doit-cms PHP client's form POST. PHP is installed by
 * .ci/run; on a machine without it these tests are skipped.
 */
class ExamplesTest {
    private HeraldTestServer server;

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.appId", "shop", "herald.key", "shop-key",
                "herald.secret", "shop-secret-0123456789", "herald.signedRegistration", "true", "herald.unsignedEmit", "true"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void phpBackendSignsARegistrationAndAnEmit() throws Exception {
        Tools.require("apt-get install php-cli php-curl", "php");
        try (ChildProcess php = ChildProcess.start(new File("src/test/php"), Map.of(),
                List.of("php", "register-and-emit.php", server.uri().toString(), "shop", "shop-key", "shop-secret-0123456789", "carol"));
             JavaClient page = JavaClient.connect(server.uri())) {
            JSONObject registration = new JSONObject(php.expect("{"));
            List<Object> answer = page.request("register", registration);
            assertEquals(true, ((JSONObject) answer.get(0)).getBoolean("ok"), answer.toString());
            php.writeLine("go");
            assertEquals("200 {\"delivered\":1}", php.expect("200"));
            JavaClient.Received event = page.next();
            assertEquals("from_php", event.event());
            assertEquals("héllo", ((JSONObject) event.args().get(0)).getString("text"));
        }
    }

    @Test
    void shellExampleSignsWithOpenssl() throws Exception {
        Tools.require("apt-get install openssl curl", "openssl", "curl");
        String token = (String) server.herald().registry().users().registrationToken("shop", "dave", java.time.Duration.ofMinutes(5))[1];
        long expires = (long) server.herald().registry().users().registrationToken("shop", "dave", java.time.Duration.ofMinutes(5))[0];
        try (JavaClient page = JavaClient.connect(server.uri())) {
            page.request("register", new JSONObject(Map.of("userid", "dave", "expires", expires,
                    "token", io.herald.security.RegistrationToken.create(server.herald().registry().apps().byId("shop"), "dave", expires))));
            ChildProcess.Result result = ChildProcess.run(20, new File("src/test/sh"),
                    Map.of("HERALD_URL", server.uri().toString(), "HERALD_KEY", "shop-key", "HERALD_SECRET", "shop-secret-0123456789"),
                    List.of("bash", "emit.sh", "{\"event\":\"alert\",\"data\":\"from the shell\",\"to\":{\"users\":[\"dave\"]}}"));
            assertEquals(List.of("{\"delivered\":1}"), result.lines());
            assertEquals(List.of("from the shell"), page.next().args());
            // signed requests are single-use; the example's nonce keeps the same emit, run again at once, a new one
            ChildProcess.Result again = ChildProcess.run(20, new File("src/test/sh"),
                    Map.of("HERALD_URL", server.uri().toString(), "HERALD_KEY", "shop-key", "HERALD_SECRET", "shop-secret-0123456789"),
                    List.of("bash", "emit.sh", "{\"event\":\"alert\",\"data\":\"from the shell\",\"to\":{\"users\":[\"dave\"]}}"));
            assertEquals(List.of("{\"delivered\":1}"), again.lines());
            assertEquals(List.of("from the shell"), page.next().args());
            assertEquals(token.length(), 43, "a base64url SHA-256 MAC");
        }
    }

    @Test
    void doitPhpClientFormPostWorks() throws Exception {
        Tools.require("apt-get install php-cli php-curl", "php");
        server.close();
        server = HeraldTestServer.start(config("herald.unsignedEmit", "true"));
        try (JavaClient alice = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri()).register("bob")) {
            ChildProcess.Result result = ChildProcess.run(20, new File("src/test/php"), Map.of(),
                    List.of("php", "doit-emit.php", server.uri().toString(), "server_event", "{\"user\":[1,2,3]}", "alice", "bob"));
            assertEquals("id%5B0%5D=alice&id%5B1%5D=bob&message=server_event&data=%7B%22user%22%3A%5B1%2C2%2C3%5D%7D",
                    result.lines().get(0), "the form exactly as http_build_query builds it");
            assertEquals("OK", result.lines().get(1));
            for (JavaClient page : List.of(alice, bob)) {
                assertEquals("[1,2,3]", ((JSONObject) page.next().args().get(0)).getJSONArray("user").toString());
            }
        }
    }
}
