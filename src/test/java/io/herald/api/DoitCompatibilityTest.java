package io.herald.api;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.JavaClient;
import java.net.http.HttpResponse;
import java.util.List;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The doit-socket proxy's HTTP forms, as the doit-cms PHP client builds them, answered exactly as the
 * proxy answered (OK / ERROR), delivered to real clients registered the doit way.
 */
class DoitCompatibilityTest {
    private HeraldTestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** The server under test: on Undertow, so {@code /emit} is answered by Herald's native fast path. */
    HeraldTestServer start(io.herald.config.HeraldConfig config) {
        return HeraldTestServer.start(config);
    }

    private void startDoitApp() {
        server = start(config("herald.unsignedEmit", "true"));
    }

    private static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) out.append('&');
            out.append(java.net.URLEncoder.encode(pairs[i], java.nio.charset.StandardCharsets.UTF_8)).append('=')
                    .append(java.net.URLEncoder.encode(pairs[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private HttpResponse<String> post(String body, String... headers) {
        String[] all = java.util.Arrays.copyOf(new String[] {"Content-Type", "application/x-www-form-urlencoded"}, 2 + headers.length);
        System.arraycopy(headers, 0, all, 2, headers.length);
        return Http.post(server.url("/emit"), body, all);
    }

    @Test
    void getEmitsTheOtherParametersAsAnObject() throws Exception {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            HttpResponse<String> ok = Http.get(server.url("/emit?id=alice&message=server_event&text=hi&user%5Bname%5D=Bob&tags%5B%5D=a&tags%5B%5D=b"));
            assertEquals(200, ok.statusCode());
            assertEquals("OK", ok.body());
            assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
            JavaClient.Received event = page.next();
            assertEquals("server_event", event.event());
            JSONObject data = (JSONObject) event.args().get(0);
            assertEquals("hi", data.getString("text"));
            assertEquals("Bob", data.getJSONObject("user").getString("name"));
            assertEquals("[\"a\",\"b\"]", data.getJSONArray("tags").toString());
            assertEquals(3, data.length(), "id and message are not part of the data");
        }
    }

    @Test
    void getWithTypeStringEmitsAPlainString() {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            assertEquals("OK", Http.get(server.url("/emit?id=alice&message=alert&_type=string&_data=Hello%20%D0%BC%D0%B8%D1%80")).body());
            assertEquals(List.of("Hello мир"), page.next().args());
        }
    }

    @Test
    void getWithoutIdOrMessageIsAnError() {
        startDoitApp();
        assertEquals("ERROR", Http.get(server.url("/emit?message=alert")).body());
        assertEquals("ERROR", Http.get(server.url("/emit?id=alice")).body());
    }

    @Test
    void postReachesSeveralUsersWithJsonDataAsHttpBuildQuerySendsIt() throws Exception {
        startDoitApp();
        try (JavaClient alice = JavaClient.connect(server.uri()).register("alice");
             JavaClient bob = JavaClient.connect(server.uri()).register("bob")) {
            HttpResponse<String> ok = post(form("id[0]", "alice", "id[1]", "bob", "message", "server_event",
                    "data", "{\"user\":[1,2,3]}"));
            assertEquals("OK", ok.body());
            for (JavaClient page : List.of(alice, bob)) {
                JSONObject data = (JSONObject) page.next().args().get(0);
                assertEquals("[1,2,3]", data.getJSONArray("user").toString());
            }
        }
    }

    @Test
    void postToAKeyWithoutSocketsAnswersError() {
        startDoitApp();
        assertEquals("ERROR", post(form("id", "nobody", "message", "alert", "data", "{}")).body());
    }

    @Test
    void postWithoutDataSendsAnEmptyObject() {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            assertEquals("OK", post(form("id", "alice", "message", "ping")).body());
            assertEquals(0, ((JSONObject) page.next().args().get(0)).length());
        }
    }

    @Test
    void postWithBrokenJsonDeliversNothingAndTheServerSurvives() {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            assertEquals("ERROR", post(form("id", "alice", "message", "alert", "data", "{broken")).body());
            assertNull(page.poll(200));
            assertEquals("OK", post(form("id", "alice", "message", "alert", "data", "[\"fine\"]")).body());
            assertEquals("[\"fine\"]", ((JSONArray) page.next().args().get(0)).toString());
        }
    }

    @Test
    void numericUserIdsAndIdParametersMeet() throws Exception {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri())) {
            page.request("register", new JSONObject("{\"userid\":42}"));
            assertEquals("OK", Http.get(server.url("/emit?id=42&message=hello")).body());
            assertEquals("hello", page.next().event());
        }
    }

    @Test
    void registerWithoutPayloadIsRefusedAndTheSocketStays() {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri())) {
            page.socket().emit("register");
            JavaClient.Received error = page.next();
            assertEquals("register:error", error.event());
            assertEquals(1, Http.get(server.url("/stat/all")).body().length());
            assertTrue(page.socket().connected());
        }
    }

    @Test
    void statAllCountsRoomsAsTheProxyDid() {
        startDoitApp();
        try (JavaClient a = JavaClient.connect(server.uri()).register("alice");
             JavaClient b = JavaClient.connect(server.uri()).register("alice");
             JavaClient c = JavaClient.connect(server.uri())) {
            assertEquals("4", Http.get(server.url("/stat/all")).body(), "three sockets' own rooms and one user room");
        }
    }

    @Test
    void unsignedFormsAreRefusedUnlessTheAppEnablesThem() {
        server = start(config());
        HttpResponse<String> refused = Http.get(server.url("/emit?id=alice&message=x"));
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("\"code\":\"forbidden\""), refused.body());
        assertEquals(403, post(form("id", "alice", "message", "x")).statusCode());
    }

    @Test
    void unsignedFormsAreRefusedFromOtherNetworks() {
        server = start(config("herald.unsignedEmit", "true", "herald.unsignedNetworks", "10.0.0.0/8"));
        assertEquals(403, Http.get(server.url("/emit?id=alice&message=x")).statusCode());
    }

    @Test
    void forwardingHeadersFromAPeerThatIsNoTrustedProxyAreRefused() {
        // nginx on the same host, herald.trustedProxies not set: the peer is loopback, the client anyone
        startDoitApp();
        HttpResponse<String> refused = Http.get(server.url("/emit?id=alice&message=x"), "X-Forwarded-For", "203.0.113.7");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.body().contains("herald.trustedProxies"), refused.body());
        assertEquals(403, Http.get(server.url("/emit?id=alice&message=x"), "X-Forwarded-For", "127.0.0.1").statusCode(),
                "a forged loopback address is no better");
        assertEquals(403, Http.get(server.url("/emit?id=alice&message=x"), "Forwarded", "for=127.0.0.1").statusCode());
        assertEquals(403, Http.get(server.url("/emit?id=alice&message=x"), "X-Real-IP", "127.0.0.1").statusCode());
        assertEquals(403, post(form("id", "alice", "message", "x"), "X-Forwarded-For", "127.0.0.1").statusCode());
        assertEquals(403, Http.get(server.url("/stat/all"), "X-Forwarded-For", "127.0.0.1").statusCode());
    }

    @Test
    void throughATrustedProxyTheClientItNamesDecides() throws Exception {
        server = start(config("herald.unsignedEmit", "true", "herald.trustedProxies", "127.0.0.1",
                "herald.unsignedNetworks", "10.1.2.3/32"));
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            assertEquals("OK", Http.get(server.url("/emit?id=alice&message=note&n=1"), "X-Forwarded-For", "10.1.2.3").body());
            assertEquals("1", ((JSONObject) page.next("note").args().get(0)).getString("n"));
            assertEquals("OK", post(form("id", "alice", "message", "note", "data", "{\"n\":2}"),
                    "Forwarded", "for=\"10.1.2.3:51000\";proto=http").body());
            assertEquals(2, ((JSONObject) page.next("note").args().get(0)).getInt("n"));
            assertEquals(403, Http.get(server.url("/emit?id=alice&message=note"),
                    "X-Forwarded-For", "10.1.2.3, 203.0.113.7").statusCode(), "the hop nearest the proxy decides");
            assertEquals(403, Http.get(server.url("/emit?id=alice&message=note"), "X-Forwarded-For", "unknown").statusCode());
            assertEquals(403, Http.get(server.url("/emit?id=alice&message=note")).statusCode(),
                    "the proxy's own address is not in the networks");
        }
    }

    @Test
    void browserPagesCannotMakeUnsignedEmits() throws Exception {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            HttpResponse<String> withOrigin = Http.get(server.url("/emit?id=alice&message=x"), "Origin", "http://evil.example");
            assertEquals(403, withOrigin.statusCode());
            assertTrue(withOrigin.body().contains("\"code\":\"forbidden\""), withOrigin.body());
            assertEquals(403, Http.get(server.url("/emit?id=alice&message=x"), "Sec-Fetch-Site", "cross-site").statusCode());
            assertEquals(403, Http.get(server.url("/emit?id=alice&message=x"), "Sec-Fetch-Site", "same-site").statusCode());
            assertEquals(403, post(form("id", "alice", "message", "x"), "Origin", "null").statusCode());
            // typed into the address bar on this machine: no page made it
            assertEquals("OK", Http.get(server.url("/emit?id=alice&message=typed"), "Sec-Fetch-Site", "none").body());
            assertEquals("typed", page.next().event(), "the refused ones delivered nothing");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413AndDeliversNothing() throws Exception {
        startDoitApp();
        try (JavaClient page = JavaClient.connect(server.uri()).register("alice")) {
            String huge = form("id", "alice", "message", "big", "data", "\"" + "x".repeat(DoitRequests.MAX_BODY_BYTES) + "\"");
            HttpResponse<String> refused = post(huge);
            assertEquals(413, refused.statusCode());
            assertTrue(refused.body().contains("\"code\":\"too_large\""), refused.body());
            assertEquals("OK", post(form("id", "alice", "message", "small")).body());
            assertEquals("small", page.next().event(), "the refused emit delivered nothing");
        }
    }

    @Test
    void anUnknownAppIs404() {
        startDoitApp();
        HttpResponse<String> unknown = Http.get(server.url("/emit?app=nope&id=alice&message=x"));
        assertEquals(404, unknown.statusCode());
        assertTrue(unknown.body().contains("\"code\":\"unknown_app\""), unknown.body());
    }
}
