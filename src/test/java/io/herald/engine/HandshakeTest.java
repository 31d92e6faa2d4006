package io.herald.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

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
}
