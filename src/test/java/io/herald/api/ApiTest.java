package io.herald.api;

import static io.herald.testing.Eventually.waitUntil;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import io.socket.client.IO;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The JSON API over HTTP, signed as a backend signs it, with delivery checked by real clients. */
class ApiTest {
    @TempDir
    static Path dir;

    private HeraldTestServer server;
    private SignedHttp shop;
    private SignedHttp blog;

    @BeforeEach
    void start() throws Exception {
        Path apps = dir.resolve("apps.json");
        Files.writeString(apps, "[{\"id\":\"blog\",\"key\":\"blog-key\",\"secret\":\"blog-secret-0123456789\",\"signedRegistration\":false}]");
        server = HeraldTestServer.start(config("herald.appId", "shop", "herald.key", "shop-key",
                "herald.secret", "shop-secret-0123456789", "herald.apps", apps.toString(), "herald.namespaces", "/admin"));
        shop = new SignedHttp(server.uri(), "shop-key", "shop-secret-0123456789");
        blog = new SignedHttp(server.uri(), "blog-key", "blog-secret-0123456789");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static Map<?, ?> json(HttpResponse<String> response) {
        try {
            return (Map<?, ?>) Json.parse(response.body());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    @Test
    void emitToAUserReachesEveryTabAndSaysHowMany() throws Exception {
        try (JavaClient tab1 = JavaClient.connect(server.uri()).register("alice");
             JavaClient tab2 = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri()).register("bob")) {
            HttpResponse<String> response = shop.send("POST", "/api/v1/emit",
                    "{\"event\":\"alert\",\"data\":{\"n\":1,\"list\":[true,null]},\"to\":{\"users\":[\"alice\"]}}");
            assertEquals(200, response.statusCode(), response.body());
            assertEquals("{\"delivered\":2}", response.body());
            for (JavaClient tab : new JavaClient[] {tab1, tab2}) {
                JavaClient.Received r = tab.next();
                assertEquals("alert", r.event());
                JSONObject data = (JSONObject) r.args().get(0);
                assertEquals(1, data.getInt("n"));
                assertEquals("[true,null]", data.getJSONArray("list").toString());
            }
            assertNull(bob.poll(150));
        }
    }

    @Test
    void roomsEveryoneExceptionsArgsAndNamespaces() throws Exception {
        try (JavaClient alice = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri()).register("bob")) {
            assertEquals("{\"sockets\":1}", shop.send("PUT", "/api/v1/users/alice/rooms/editors", null).body());
            assertEquals("{\"delivered\":1}", shop.send("POST", "/api/v1/emit",
                    "{\"event\":\"draft\",\"args\":[1,\"two\"],\"to\":{\"rooms\":[\"editors\"]}}").body());
            JavaClient.Received draft = alice.next();
            assertEquals(java.util.List.of(1, "two"), draft.args());
            assertEquals("{\"delivered\":1}", shop.send("POST", "/api/v1/emit",
                    "{\"event\":\"news\",\"to\":{\"all\":true},\"except\":{\"users\":[\"alice\"]}}").body());
            assertEquals("news", bob.next().event());
            assertNull(alice.poll(100));
            assertEquals("{\"sockets\":1}", shop.send("DELETE", "/api/v1/users/alice/rooms/editors", null).body());
            assertEquals("{\"delivered\":0}", shop.send("POST", "/api/v1/emit",
                    "{\"event\":\"draft\",\"to\":{\"rooms\":[\"editors\"]}}").body());
            assertEquals("{\"delivered\":0}", shop.send("POST", "/api/v1/emit",
                    "{\"event\":\"x\",\"to\":{\"all\":true},\"namespace\":\"/admin\"}").body(), "nobody joined /admin");
        }
    }

    @Test
    void batchDeliversAllOrNothing() throws Exception {
        try (JavaClient alice = JavaClient.connect(server.uri()).register("alice")) {
            HttpResponse<String> ok = shop.send("POST", "/api/v1/batch", "{\"emits\":["
                    + "{\"event\":\"a\",\"to\":{\"users\":[\"alice\"]}},"
                    + "{\"event\":\"b\",\"to\":{\"users\":[\"nobody\"]}}]}");
            assertEquals("{\"results\":[{\"delivered\":1},{\"delivered\":0}]}", ok.body());
            assertEquals("a", alice.next().event());
            HttpResponse<String> bad = shop.send("POST", "/api/v1/batch", "{\"emits\":["
                    + "{\"event\":\"c\",\"to\":{\"users\":[\"alice\"]}},{\"to\":{\"users\":[\"alice\"]}}]}");
            assertEquals(400, bad.statusCode());
            assertNull(alice.poll(200), "an invalid batch delivers nothing");
        }
    }

    @Test
    void disconnectStatsAndSocketsOfAUser() throws Exception {
        try (JavaClient alice = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri()).register("bob")) {
            shop.send("PUT", "/api/v1/users/alice/rooms/editors", null);
            assertEquals("{\"app\":\"shop\",\"sockets\":2,\"users\":2,\"rooms\":1,\"node\":{\"sockets\":2,\"users\":2,\"rooms\":1},\"cluster\":{\"mode\":\"single\",\"state\":\"ok\",\"complete\":true}}", shop.send("GET", "/api/v1/stats", null).body());
            Map<?, ?> sockets = json(shop.send("GET", "/api/v1/users/alice/sockets", null));
            Map<?, ?> first = (Map<?, ?>) ((java.util.List<?>) sockets.get("sockets")).get(0);
            assertEquals(alice.id(), first.get("id"));
            assertEquals(java.util.List.of("editors"), first.get("rooms"));
            assertEquals("{\"disconnected\":1}", shop.send("POST", "/api/v1/users/bob/disconnect", null).body());
            waitUntil(() -> !bob.socket().connected());
            assertEquals("{\"app\":\"shop\",\"sockets\":1,\"users\":1,\"rooms\":1,\"node\":{\"sockets\":1,\"users\":1,\"rooms\":1},\"cluster\":{\"mode\":\"single\",\"state\":\"ok\",\"complete\":true}}", shop.send("GET", "/api/v1/stats", null).body());
        }
    }

    @Test
    void appsNeverSeeEachOthersUsers() throws Exception {
        IO.Options blogOptions = JavaClient.options();
        blogOptions.query = "app=blog-key";
        try (JavaClient inShop = JavaClient.connect(server.uri()).register("same-name");
             JavaClient inBlog = JavaClient.connect(server.uri(), "/", blogOptions).register("same-name")) {
            assertEquals("{\"delivered\":1}", shop.send("POST", "/api/v1/emit",
                    "{\"event\":\"from-shop\",\"to\":{\"users\":[\"same-name\"]}}").body());
            assertEquals("{\"delivered\":1}", blog.send("POST", "/api/v1/emit",
                    "{\"event\":\"from-blog\",\"to\":{\"all\":true}}").body());
            assertEquals("{\"delivered\":0}", blog.send("POST", "/api/v1/emit",
                    "{\"event\":\"by-id\",\"to\":{\"sockets\":[\"" + inShop.id() + "\"]}}").body(), "a socket id of another app");
            assertEquals("from-shop", inShop.next().event());
            assertEquals("from-blog", inBlog.next().event());
            assertNull(inShop.poll(150));
            assertNull(inBlog.poll(50));
            assertEquals("{\"app\":\"blog\",\"sockets\":1,\"users\":1,\"rooms\":0,\"node\":{\"sockets\":1,\"users\":1,\"rooms\":0},\"cluster\":{\"mode\":\"single\",\"state\":\"ok\",\"complete\":true}}", blog.send("GET", "/api/v1/stats", null).body());
        }
    }

    @Test
    void unknownAppKeyOnConnectIsRefused() {
        IO.Options options = JavaClient.options();
        options.query = "app=nope";
        JavaClient client = JavaClient.connect(server.uri(), "/", options, false);
        try {
            assertEquals("Unknown app", ((JSONObject) client.connectResult()).getString("message"));
        } catch (org.json.JSONException e) {
            throw new AssertionError(e);
        } finally {
            client.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|{\"event\":|400|bad_request",
            "missing event|{\"to\":{\"all\":true}}|400|bad_request",
            "missing target|{\"event\":\"e\"}|400|bad_request",
            "empty target|{\"event\":\"e\",\"to\":{\"users\":[]}}|400|bad_request",
            "reserved event|{\"event\":\"disconnect\",\"to\":{\"all\":true}}|400|bad_request",
            "unknown namespace|{\"event\":\"e\",\"to\":{\"all\":true},\"namespace\":\"/nope\"}|400|bad_request",
            "data and args|{\"event\":\"e\",\"data\":1,\"args\":[1],\"to\":{\"all\":true}}|400|bad_request"})
    void badRequestsAreRefusedWithJsonErrors(String why, String body, int status, String code) {
        HttpResponse<String> response = shop.send("POST", "/api/v1/emit", body);
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, json(response).get("code"));
        assertTrue(((String) json(response).get("message")).length() > 5);
    }

    @Test
    void bodyOverTheLimitIs413() {
        String big = "{\"event\":\"e\",\"to\":{\"all\":true},\"data\":\"" + "x".repeat(1_000_001) + "\"}";
        HttpResponse<String> response = shop.send("POST", "/api/v1/emit", big);
        assertEquals(413, response.statusCode());
        assertEquals("too_large", json(response).get("code"));
    }

    @Test
    void signaturesAreChecked() {
        long now = Instant.now().getEpochSecond();
        String body = "{\"event\":\"e\",\"to\":{\"all\":true}}";
        assertEquals(200, shop.send("POST", "/api/v1/emit", body, now, "shop-secret-0123456789").statusCode());
        for (HttpResponse<String> refused : java.util.List.of(
                shop.send("POST", "/api/v1/emit", body, now, "wrong-secret"),
                shop.send("POST", "/api/v1/emit", body, now - 310, "shop-secret-0123456789"), // clear of the 300 s edge
                shop.send("POST", "/api/v1/emit", body, now + 310, "shop-secret-0123456789"),
                blog.send("POST", "/api/v1/emit", body, now, "shop-secret-0123456789"))) {
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("unauthorized", json(refused).get("code"));
        }
        HttpResponse<String> unknown = new SignedHttp(server.uri(), "who", "x").send("POST", "/api/v1/emit", body);
        assertEquals(404, unknown.statusCode());
        assertEquals("unknown_app", json(unknown).get("code"));
        HttpResponse<String> unsigned = Http.post(server.url("/api/v1/emit"), body, "Content-Type", "application/json");
        assertEquals(401, unsigned.statusCode());
        HttpResponse<String> bearerInClear = Http.post(server.url("/api/v1/emit"), body, "X-Herald-Key", "shop-key",
                "Authorization", "Bearer shop-secret-0123456789");
        assertEquals(401, bearerInClear.statusCode(), "a bearer secret over plain HTTP is refused");
    }

    @Test
    void theSignatureCoversTheQueryAndTheBody() {
        long now = Instant.now().getEpochSecond();
        String body = "{\"event\":\"e\",\"to\":{\"all\":true}}";
        String signature = io.herald.security.RequestSignature.sign("shop-secret-0123456789", "POST", "/api/v1/emit", null,
                body.getBytes(), now);
        HttpResponse<String> tampered = Http.post(server.url("/api/v1/emit"), body.replace("all", "users"),
                "X-Herald-Key", "shop-key", "X-Herald-Timestamp", Long.toString(now), "X-Herald-Signature", signature);
        assertEquals(401, tampered.statusCode());
        HttpResponse<String> withQuery = Http.post(server.url("/api/v1/emit?extra=1"), body,
                "X-Herald-Key", "shop-key", "X-Herald-Timestamp", Long.toString(now), "X-Herald-Signature", signature);
        assertEquals(401, withQuery.statusCode());
    }

    /** Each signed request is single-use: sent again, even within its window, it is refused with a JSON 401. */
    @Test
    void aSignedRequestCannotBeReplayed() throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = "{\"event\":\"e\",\"to\":{\"all\":true}}";
        try (JavaClient page = JavaClient.connect(server.uri())) {
            HttpResponse<String> first = shop.sendExactly("POST", "/api/v1/emit", body, now, "shop-secret-0123456789");
            assertEquals(200, first.statusCode(), first.body());
            HttpResponse<String> replay = shop.sendExactly("POST", "/api/v1/emit", body, now, "shop-secret-0123456789");
            assertEquals(401, replay.statusCode(), replay.body());
            assertEquals("unauthorized", json(replay).get("code"));
            assertTrue(((String) json(replay).get("message")).contains("single-use"), replay.body());
            assertEquals("e", page.next().event());
            assertNull(page.poll(300), "the replay delivered nothing");
        }
        assertEquals(200, shop.sendExactly("POST", "/api/v1/emit?nonce=2", body, now, "shop-secret-0123456789").statusCode(),
                "the same emit with another nonce is another request");
        assertEquals(200, blog.sendExactly("POST", "/api/v1/emit", body, now, "blog-secret-0123456789").statusCode(),
                "another app's cache is its own");
    }

    /** {@code a=b&c=d} and {@code a=b%26c%3Dd} are different queries: a signature of one does not pass for the other. */
    @Test
    void aSignatureOfOneQueryDoesNotPassForAnotherThatDecodesAlike() {
        long now = Instant.now().getEpochSecond();
        String signature = io.herald.security.RequestSignature.sign("shop-secret-0123456789", "GET", "/api/v1/stats",
                "a=b&c=d", new byte[0], now);
        HttpResponse<String> other = Http.get(server.url("/api/v1/stats?a=b%26c%3Dd"),
                "X-Herald-Key", "shop-key", "X-Herald-Timestamp", Long.toString(now), "X-Herald-Signature", signature);
        assertEquals(401, other.statusCode(), other.body());
        HttpResponse<String> same = Http.get(server.url("/api/v1/stats?c=d&a=b"),
                "X-Herald-Key", "shop-key", "X-Herald-Timestamp", Long.toString(now), "X-Herald-Signature", signature);
        assertEquals(200, same.statusCode(), "the order of the pairs does not matter: " + same.body());
    }

    @Test
    void aQueryWithABadPercentEscapeIsAJsonBadRequest() {
        // Undertow's parser refuses such a query itself; Tomcat's and Payara's hand it to Herald as it came.
        try (HeraldTestServer raw = HeraldTestServer.builder(config("herald.appId", "shop", "herald.key", "shop-key",
                "herald.secret", "shop-secret-0123456789")).rawQueries().start()) {
            long now = Instant.now().getEpochSecond();
            String signature = io.herald.security.RequestSignature.sign("shop-secret-0123456789", "GET", "/api/v1/stats", null,
                    new byte[0], now);
            Http.RawResponse response = Http.raw(raw.uri(), "GET", "/api/v1/stats?x=%zz",
                    "X-Herald-Key", "shop-key", "X-Herald-Timestamp", Long.toString(now), "X-Herald-Signature", signature);
            assertEquals(400, response.status(), response.body());
            Map<?, ?> error;
            try {
                error = (Map<?, ?>) Json.parse(response.body());
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + response.body(), e);
            }
            assertEquals("bad_request", error.get("code"));
            assertTrue(((String) error.get("message")).contains("%zz"), response.body());
            assertEquals(200, Http.raw(raw.uri(), "GET", "/api/v1/stats", "X-Herald-Key", "shop-key",
                    "X-Herald-Timestamp", Long.toString(now), "X-Herald-Signature", signature).status(),
                    "the same signature over a clean query passes");
        }
    }
}
