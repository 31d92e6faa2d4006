package io.herald.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LogSafeTest {
    @Test
    void lineBreaksAndControlsBecomeEscapes() {
        assertEquals("\"/chat\\n2026-12-07 WARNING forged\"", LogSafe.quote("/chat\n2026-12-07 WARNING forged"));
        assertEquals("\"a\\r\\tb\\u001b[31m\\u0000\\u007f\\u0085\\u2028\"", LogSafe.quote("a\r\tb\u001b[31m\u0000\u007f\u0085\u2028"));
        assertEquals("\"back\\\\slash \\\"quoted\\\"\"", LogSafe.quote("back\\slash \"quoted\""));
        assertEquals("\"héllo 😀\"", LogSafe.quote("héllo 😀"), "printable text is kept as it is");
        assertEquals("null", LogSafe.quote(null));
    }

    @Test
    void longTextIsCut() {
        String quoted = LogSafe.quote("x".repeat(100_000));
        assertTrue(quoted.length() < LogSafe.MAX_CHARS + 30, quoted.length() + " chars");
        assertTrue(quoted.contains("100000 chars"), quoted);
        assertFalse(LogSafe.line("a\nb".repeat(10_000)).contains("\n"));
        assertTrue(LogSafe.line("x".repeat(100_000)).length() < LogSafe.MAX_LINE_CHARS + 30);
    }

    @Test
    void aWholeLineKeepsItsQuotedParts() {
        String line = "unknown namespace " + LogSafe.quote("/a\"\nb") + " from\r\n10.0.0.1";
        assertEquals("unknown namespace \"/a\\\"\\nb\" from\\r\\n10.0.0.1", LogSafe.line(line));
    }
}
