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
}
