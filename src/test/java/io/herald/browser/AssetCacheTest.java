package io.herald.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.TestConfigs;
import io.herald.adapter.servlet.AssetCacheFilter;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client files the WAR serves, and their caching headers (plain HTTP, no browser needed). */
class AssetCacheTest {
    private static HeraldTestServer server;

    @BeforeAll
    static void start() {
        server = HeraldTestServer.builder(TestConfigs.config()).customize(StaticFiles.deployment()).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The version in src/main/js/package.json, which the build also uses as the client's folder name. */
    static String clientVersion() throws Exception {
        Matcher m = Pattern.compile("\"socket.io-client\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(Files.readString(Path.of("src", "main", "js", "package.json")));
        assertTrue(m.find(), "socket.io-client in src/main/js/package.json");
        return m.group(1);
    }

    @Test
    void versionedClientIsCachedForAYear() throws Exception {
        for (String file : new String[] {"socket.io.min.js", "socket.io.js", "socket.io.min.js.map"}) {
            HttpResponse<String> r = Http.get(server.url("/socket.io/" + clientVersion() + "/" + file));
            assertEquals(200, r.statusCode(), file + " under the version from package.json (pom: socketio.client.version)");
            assertEquals(AssetCacheFilter.IMMUTABLE, r.headers().firstValue("Cache-Control").orElse(null));
        }
        String versioned = Http.get(server.url("/socket.io/" + clientVersion() + "/socket.io.min.js")).body();
        assertEquals(Http.get(server.url("/socket.io/socket.io.min.js")).body(), versioned);
        assertTrue(versioned.contains(clientVersion()), "the file is that version of the client");
    }

    @Test
    void unversionedFilesAreRevalidatedWithTheirETag() {
        for (String path : new String[] {"/socket.io/socket.io.js", "/socket.io/socket.io.min.js", "/herald.js",
                "/demo.js", "/demo.css", "/index.html", "/"}) {
            HttpResponse<String> r = Http.get(server.url(path));
            assertEquals(200, r.statusCode(), path);
            assertEquals(AssetCacheFilter.REVALIDATE, r.headers().firstValue("Cache-Control").orElse(null), path);
            String etag = r.headers().firstValue("ETag").orElse(null);
            assertNotNull(etag, path + " has an ETag to revalidate with");
            HttpResponse<String> again = Http.get(server.url(path), "If-None-Match", etag);
            assertEquals(304, again.statusCode(), path);
            assertEquals(etag, again.headers().firstValue("ETag").orElse(null), path);
        }
    }

    /** A missing file may appear with the next deployment: a browser must not keep its 404 for a year. */
    @Test
    void missingFilesAreNeverCachedAsImmutable() throws Exception {
        for (String path : new String[] {"/socket.io/" + clientVersion() + "/no-such-file.js", "/socket.io/9.9.9/socket.io.min.js",
                "/no-such-file.js"}) {
            HttpResponse<String> r = Http.get(server.url(path));
            assertEquals(404, r.statusCode(), path);
            String cacheControl = r.headers().firstValue("Cache-Control").orElse("");
            assertFalse(cacheControl.contains("immutable") || cacheControl.contains("max-age=31536000"),
                    path + ": " + cacheControl);
        }
    }

    @Test
    void theSocketIoEndpointIsNotTouched() {
        HttpResponse<String> r = Http.get(server.pollingUri("EIO=4&transport=polling"));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Cache-Control").map(v -> !v.contains("max-age=31536000")).orElse(true));
    }
}
