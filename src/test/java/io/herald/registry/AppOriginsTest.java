package io.herald.registry;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.socket.client.IO;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each app accepts pages from its own origins only. The handshake checks the union of all apps' origins (the
 * page has not said its app yet), so a page of one app naming another app passes it: the app's own list
 * must refuse it at CONNECT.
 */
class AppOriginsTest {
    @TempDir
    static Path dir;

    private HeraldTestServer server;

    @BeforeEach
    void start() throws Exception {
        Path apps = dir.resolve("apps.json");
        Files.writeString(apps, "[{\"id\":\"blog\",\"key\":\"blog-key\",\"secret\":\"blog-secret-0123456789\","
                + "\"allowedOrigins\":[\"http://blog.example\"]}]");
        server = HeraldTestServer.start(config("herald.appId", "shop", "herald.allowedOrigins", "http://shop.example",
                "herald.apps", apps.toString()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private JavaClient connectToBlog(String origin) {
        IO.Options options = JavaClient.options();
        options.query = "app=blog-key";
        options.extraHeaders = Map.of("Origin", List.of(origin));
        return JavaClient.connect(server.uri(), "/", options, false);
    }

    @Test
    void aPageOfAnotherAppsOriginGetsTheConnectError() throws Exception {
        try (JavaClient fromShop = connectToBlog("http://shop.example")) {
            JSONObject error = assertInstanceOf(JSONObject.class, fromShop.connectResult(), "connected from a foreign origin");
            assertEquals("Origin not allowed for this app", error.getString("message"));
        }
    }

    @Test
    void aPageOfTheAppsOwnOriginConnectsToIt() {
        try (JavaClient fromBlog = connectToBlog("http://blog.example")) {
            assertEquals("connected", fromBlog.connectResult());
            assertEquals(1, server.herald().registry().stats().of("blog").sockets());
            assertEquals(0, server.herald().registry().stats().of("shop").sockets());
        }
    }
}
