package io.herald.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HandshakeTest {

    private static Handshake of(String userAgent, String cookie) {
        return new Handshake(Map.of(
                "host", List.of(new String("example.org")),
                "user-agent", List.of(new String(userAgent)),
                "cookie", List.of(cookie),
                "sec-websocket-key", List.of("dGhlIHNhbXBsZSBub25jZQ=="),
                "sec-websocket-version", List.of("13"),
                "upgrade", List.of("websocket"),
                "connection", List.of("Upgrade")), Map.of("EIO", List.of("4")), "127.0.0.1", 0);
    }

    @Test
    void keepsWhatDescribesTheClientAndDropsTheUpgradeNegotiation() {
        Handshake handshake = of("Firefox/140", "a=1");

        assertEquals("example.org", handshake.header("Host"));
        assertEquals("Firefox/140", handshake.header("user-agent"));
        assertEquals("a=1", handshake.header("cookie"));
        assertEquals("4", handshake.queryParam("EIO"));
        assertNull(handshake.header("sec-websocket-key"));
        assertNull(handshake.header("upgrade"));
        assertEquals(3, handshake.headers().size());
    }

    @Test
    void clientsShareTheValuesTheyHaveInCommonButNotTheirOwn() {
        Handshake one = of("Chrome/150 shared", new String("session=1"));
        Handshake two = of("Chrome/150 shared", new String("session=1"));

        assertSame(one.header("user-agent"), two.header("user-agent"));
        assertSame(one.header("host"), two.header("host"));
        assertEquals(one.header("cookie"), two.header("cookie"));
        // cookies are per user: never pooled, so one client's value cannot sit in a shared table
        assertEquals(false, one.header("cookie") == two.header("cookie"));
    }

    @Test
    void keepsOnlyTheHeadersReadLater() {
        Handshake handshake = new Handshake(Map.of(
                "origin", List.of("https://shop.example"),
                "accept-language", List.of("ru-RU,ru;q=0.9"),
                "x-forwarded-for", List.of("203.0.113.7"),
                "accept-encoding", List.of("gzip"),
                "x-anything", List.of("a".repeat(1000)),
                "sec-websocket-protocol", List.of("chat")), Map.of(), "127.0.0.1", 0);

        assertEquals("https://shop.example", handshake.header("Origin"));
        assertEquals("ru-RU,ru;q=0.9", handshake.header("accept-language"));
        assertEquals("203.0.113.7", handshake.header("x-forwarded-for"));
        assertNull(handshake.header("accept-encoding"), "nothing reads it once the connection is open");
        assertNull(handshake.header("x-anything"));
        assertEquals(3, handshake.headers().size());
    }

    @Test
    void aClientCannotMakeItsHandshakeKeepMoreThanTheCap() {
        int cap = EngineOptions.DEFAULTS.maxHandshakeHeaderBytes();
        assertEquals(8192, cap);
        Handshake handshake = new Handshake(Map.of(
                "origin", List.of("https://shop.example"),
                "user-agent", List.of("Firefox/140"),
                "referer", List.of("https://shop.example/" + "p".repeat(cap)),
                "cookie", List.of("big=" + "x".repeat(1_000_000))), Map.of(), "127.0.0.1", 0).capped(cap);

        assertEquals("https://shop.example", handshake.header("origin"), "the headers needed most come first");
        assertEquals("Firefox/140", handshake.header("user-agent"));
        assertNull(handshake.header("referer"), "left out whole, never cut");
        assertNull(handshake.header("cookie"));
        int kept = 0;
        for (var header : handshake.headers().entrySet()) {
            kept += header.getKey().length();
            for (String value : header.getValue()) kept += value.length();
        }
        assertTrue(kept <= cap, kept + " characters kept");
    }

    @Test
    void aSessionKeepsItsHandshakeWithinHeraldMaxHandshakeHeaderBytes() throws Exception {
        try (var server = io.herald.testing.HeraldTestServer.start(
                io.herald.testing.TestConfigs.config("herald.maxHandshakeHeaderBytes", "200"))) {
            var open = io.herald.testing.Http.get(server.pollingUri("EIO=4&transport=polling"),
                    "User-Agent", "Firefox/140", "Cookie", "session=" + "s".repeat(300));
            assertEquals(200, open.statusCode());
            Handshake kept = server.herald().engine().sessions().iterator().next().handshake();
            assertEquals("Firefox/140", kept.header("user-agent"));
            assertNull(kept.header("cookie"), "300 bytes of cookie do not fit in 200");
        }
    }
}
