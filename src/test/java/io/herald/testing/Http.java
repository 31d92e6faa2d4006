package io.herald.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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

    /** A status and a body read off the wire. */
    public record RawResponse(int status, String body) {}

    /**
     * A bodiless request whose target is sent byte for byte, for targets that {@link URI} refuses to hold
     * (a bad {@code %} escape). HTTP/1.0 so that the answer is neither chunked nor kept alive.
     */
    public static RawResponse raw(URI server, String method, String target, String... headers) {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.0\r\nHost: "
                    + server.getHost() + ":" + server.getPort() + "\r\n");
            for (int i = 0; i + 1 < headers.length; i += 2) head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int headEnd = answer.indexOf("\r\n\r\n");
            if (headEnd < 0) throw new AssertionError("no HTTP answer: " + answer);
            return new RawResponse(Integer.parseInt(answer.split(" ", 3)[1]), answer.substring(headEnd + 4));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + method + " " + target, e);
        }
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
