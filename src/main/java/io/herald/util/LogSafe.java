package io.herald.util;

/**
 * Makes client-supplied text safe to log: a namespace, an event name or a header could otherwise carry a
 * line break that forges a log line, or a terminal escape. Control characters (C0, DEL and C1) and the
 * Unicode line and paragraph separators become escapes ({@code \n}, {@code \r}, {@code \t}, {@code \u001b}).
 * {@link #quote} is for one client string inside a message: it also escapes backslashes and quotes, so the
 * string's end and an escape in it are never ambiguous, and cuts it after {@value #MAX_CHARS} characters.
 * {@link #line} is the last pass over a whole line (backslashes kept, so a quoted part is not escaped twice).
 */
public final class LogSafe {
    /** The most characters of one client string that reach a log line. */
    public static final int MAX_CHARS = 200;

    private LogSafe() {}

    /** The most characters of a whole line, {@link #line}. */
    public static final int MAX_LINE_CHARS = 2_000;

    /** The text in double quotes, escaped and capped ({@code null} unquoted for {@code null}). */
    public static String quote(String text) {
        if (text == null) return "null";
        return '"' + escape(text, MAX_CHARS, true) + '"';
    }

    /** A whole log line with its control characters escaped, capped at {@value #MAX_LINE_CHARS} characters. */
    public static String line(String text) {
        return escape(text, MAX_LINE_CHARS, false);
    }

    private static String escape(String text, int max, boolean quoted) {
        if (text == null) return "null";
        int end = Math.min(text.length(), max);
        if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) end--; // not half a character
        StringBuilder out = null;
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            String escape = escapeOf(c, quoted);
            if (escape == null) {
                if (out != null) out.append(c);
                continue;
            }
            if (out == null) out = new StringBuilder(end + 16).append(text, 0, i);
            out.append(escape);
        }
        String safe = out == null ? text.substring(0, end) : out.toString();
        return end < text.length() ? safe + "…(" + text.length() + " chars)" : safe;
    }

    private static String escapeOf(char c, boolean quoted) {
        switch (c) {
            case '\n': return "\\n";
            case '\r': return "\\r";
            case '\t': return "\\t";
            case '\\': return quoted ? "\\\\" : null;
            case '"': return quoted ? "\\\"" : null;
            default:
                if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                    return String.format("\\u%04x", (int) c);
                }
                return null;
        }
    }
}
