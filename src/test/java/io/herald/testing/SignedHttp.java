package io.herald.testing;

import io.herald.security.RequestSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A backend calling Herald's API: requests signed with an app's key and secret. Each carries a random
 * {@code nonce} query parameter, as the README advises, since a signed request is single-use and two
 * identical requests within one second would otherwise sign alike.
 */
public final class SignedHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final io.herald.util.SessionIds NONCES = new io.herald.util.SessionIds();

    private final URI base;
    private final String key;
    private final String secret;

    public SignedHttp(URI base, String key, String secret) {
        this.base = base;
        this.key = key;
        this.secret = secret;
    }

    public HttpResponse<String> send(String method, String pathAndQuery, String body) {
        return send(method, pathAndQuery, body, Instant.now().getEpochSecond(), secret);
    }

    /** With a chosen timestamp and secret, to test stale and forged requests. */
    public HttpResponse<String> send(String method, String pathAndQuery, String body, long timestamp, String signingSecret) {
        return sendExactly(method, pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?") + "nonce=" + NONCES.get(),
                body, timestamp, signingSecret);
    }

    /** Without the nonce: the same arguments in the same second make the same request, to test replays. */
    public HttpResponse<String> sendExactly(String method, String pathAndQuery, String body, long timestamp, String signingSecret) {
        URI uri = base.resolve(pathAndQuery);
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String signature = RequestSignature.sign(signingSecret, method, uri.getRawPath(), uri.getRawQuery(), bytes, timestamp);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header(RequestSignature.KEY_HEADER, key)
                .header(RequestSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(RequestSignature.SIGNATURE_HEADER, signature)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + uri, e);
        }
    }
}
