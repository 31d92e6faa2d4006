package io.herald.config;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code herald.defaultApp}: the app of pages that name none. */
class DefaultAppTest {
    private static final String SHOP_SECRET = "DefaultAppTest-shop-secret-5c8e1a3f7b9d2046";
    private static final String BLOG_SECRET = "DefaultAppTest-blog-secret-93e7b1d5a2c4f608";

    @Test
    void aPageThatNamesNoAppBelongsToTheDefaultApp() throws Exception {
        Path apps = Files.createTempFile("herald-apps", ".json");
        Files.writeString(apps, "[{\"id\":\"blog\",\"key\":\"blog-key\",\"secret\":\"" + BLOG_SECRET + "\","
                + "\"signedRegistration\":false}]");
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.key", "shop-key", "herald.secret", SHOP_SECRET,
                "herald.apps", apps.toString(), "herald.defaultApp", "blog"));
             JavaClient page = JavaClient.connect(server.uri()).register("ann")) {
            String toAnn = "{\"to\":{\"users\":[\"ann\"]},\"event\":\"hello\",\"data\":\"x\"}";
            var shop = new SignedHttp(server.uri(), "shop-key", SHOP_SECRET).send("POST", "/api/v1/emit", toAnn);
            assertEquals(200, shop.statusCode(), shop.body());
            var blog = new SignedHttp(server.uri(), "blog-key", BLOG_SECRET).send("POST", "/api/v1/emit", toAnn);
            assertEquals(200, blog.statusCode(), blog.body());
            assertEquals("hello", page.next().event(), "the blog app's emit reaches her");
            assertEquals(null, page.poll(300), "the shop's did not: its ann is another person");
        } finally {
            Files.deleteIfExists(apps);
        }
    }
}
