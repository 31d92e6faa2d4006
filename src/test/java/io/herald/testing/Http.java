package io.herald.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Plain HTTP/1.1 requests for tests (the JDK client; HTTP/2 is off because Undertow and the apps need none). */
public final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {}

    public static HttpResponse<String> get(URI uri, String... headers) {
        return send(builder(uri, headers).GET().build());
    }

    public static HttpResponse<byte[]> getBytes(URI uri) {
        try {
            return CLIENT.send(builder(uri).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + uri, e);
        }
    }

    public static CompletableFuture<HttpResponse<String>> getAsync(URI uri, String... headers) {
        return CLIENT.sendAsync(builder(uri, headers).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> post(URI uri, String body, String... headers) {
        return send(builder(uri, headers).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public static HttpResponse<String> request(String method, URI uri, String body, String... headers) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(builder(uri, headers).method(method, publisher).build());
    }

    private static HttpRequest.Builder builder(URI uri, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) b.headers(headers);
        return b;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("request failed: " + request, e);
        }
    }
}
