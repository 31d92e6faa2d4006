package io.herald.api;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.herald.testing.SelfSignedTls;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend may send its secret as a bearer token instead of signing, over HTTPS only. */
class BearerOverTlsTest {
    @TempDir
    Path dir;

    private static HttpResponse<String> emit(HttpClient client, URI url, String bearer) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Herald-Key", "shop-key")
                .header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"alert\",\"data\":\"hi\",\"to\":{\"users\":[\"alice\"]}}"))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theRightSecretOverTlsDeliversAndAWrongOneIs401() throws Exception {
        SelfSignedTls tls = SelfSignedTls.create(dir);
        try (HeraldTestServer server = HeraldTestServer.builder(config("herald.appId", "shop", "herald.key", "shop-key",
                        "herald.secret", "shop-secret-0123456789")).https(tls.server()).start();
             JavaClient alice = JavaClient.connect(server.uri()).register("alice")) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(tls.client()).build();
            HttpResponse<String> ok = emit(client, server.httpsUrl("/api/v1/emit"), "shop-secret-0123456789");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("{\"delivered\":1}", ok.body());
            assertEquals("hi", alice.next("alert").args().get(0));

            HttpResponse<String> wrong = emit(client, server.httpsUrl("/api/v1/emit"), "not-the-secret");
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("\"code\":\"unauthorized\""), wrong.body());
        }
    }

    private static HttpResponse<String> emitProxied(HeraldTestServer server, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url("/api/v1/emit")).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("X-Herald-Key", "shop-key")
                .header("Authorization", "Bearer shop-secret-0123456789");
        for (int i = 0; i < headers.length; i += 2) request.header(headers[i], headers[i + 1]);
        request.POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"alert\",\"data\":\"hi\",\"to\":{\"users\":[\"alice\"]}}"));
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void behindATrustedProxyTheClientsHttpsCounts() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.appId", "shop", "herald.key", "shop-key",
                "herald.secret", "shop-secret-0123456789", "herald.trustedProxies", "127.0.0.1"));
             JavaClient alice = JavaClient.connect(server.uri()).register("alice")) {
            HttpResponse<String> ok = emitProxied(server, "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "https");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("hi", alice.next("alert").args().get(0));
            assertEquals(200, emitProxied(server, "Forwarded", "for=203.0.113.7;proto=https").statusCode());
            assertEquals(401, emitProxied(server, "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "http").statusCode());
            assertEquals(401, emitProxied(server).statusCode(), "plain HTTP to Herald, no proxy involved");
        }
    }

    @Test
    void forwardedHttpsFromAnUntrustedPeerIsNotBelieved() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.appId", "shop", "herald.key", "shop-key",
                "herald.secret", "shop-secret-0123456789"))) {
            HttpResponse<String> refused = emitProxied(server, "X-Forwarded-Proto", "https");
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("herald.trustedProxies"), refused.body());
            assertEquals(401, emitProxied(server, "Forwarded", "proto=https").statusCode());
        }
    }
}
