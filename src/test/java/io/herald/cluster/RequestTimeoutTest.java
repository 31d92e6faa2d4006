package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.protocol.json.Json;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A cluster-wide query waits {@code herald.cluster.requestTimeout} for the other nodes, then answers with what
 * it has and says it is incomplete: a node that has hung cannot hang the API with it.
 */
class RequestTimeoutTest {
    private static final String SECRET = "RequestTimeoutTest-secret-0b6e2c9d4a7f1358";

    @Test
    void aQueryANodeNeverAnswersEndsIncompleteAfterTheTimeout() throws Exception {
        String key = "herald-timeout-" + UUID.randomUUID();
        try (HeraldTestServer node = HeraldTestServer.start(config("herald.cluster.redis", "redis://127.0.0.1:6379",
                "herald.cluster.key", key, "herald.cluster.requestTimeout", "300", "herald.key", "k",
                "herald.secret", SECRET, "herald.signedRegistration", "false"));
             Socket silent = new Socket("127.0.0.1", 6379);
             JavaClient page = JavaClient.connect(node.uri()).register("hal")) {
            SignedHttp api = new SignedHttp(node.uri(), "k", SECRET);
            var alone = (Map<?, ?>) Json.parse(api.send("GET", "/api/v1/users/hal/sockets", null).body()); // warms the API up
            assertEquals(true, alone.get("complete"), "no other node yet: " + alone);
            // a "node" that subscribes to the requests and never answers, as a hung one would
            subscribe(silent, key + "-request#/#");
            // the default timeout (3 s) would still be waiting when this gives up: the setting is what ends it
            var answer = CompletableFuture.supplyAsync(() -> api.send("GET", "/api/v1/users/hal/sockets", null))
                    .get(2, TimeUnit.SECONDS);
            assertEquals(200, answer.statusCode(), answer.body());
            Map<?, ?> body = (Map<?, ?>) Json.parse(answer.body());
            assertEquals(false, body.get("complete"), answer.body());
            assertEquals(1, ((List<?>) body.get("sockets")).size(), "this node's own socket: " + answer.body());
        }
    }

    private static void subscribe(Socket redis, String channel) throws Exception {
        OutputStream out = redis.getOutputStream();
        byte[] name = channel.getBytes(StandardCharsets.UTF_8);
        out.write(("*2\r\n$9\r\nSUBSCRIBE\r\n$" + name.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(name);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = redis.getInputStream();
        // the confirmation: *3 $9 subscribe $n <channel> :1 — read until the subscriber count's line
        StringBuilder seen = new StringBuilder();
        for (int c; (c = in.read()) != -1; ) {
            seen.append((char) c);
            if (seen.toString().contains(channel + "\r\n:1\r\n")) return;
        }
        throw new AssertionError("Redis did not confirm the subscription: " + seen);
    }
}
