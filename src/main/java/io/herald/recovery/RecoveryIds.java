package io.herald.recovery;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of what a recovering client sends back. An offset is {@code <millis>-<sequence>-<node>}: when a
 * node gave it, that node's own ascending count, and the node's tag, so every node makes offsets without
 * asking anyone, and a recovery read can start at the offset's time instead of a stream's beginning. A pid is
 * a session id (20 URL-safe base64 characters). Anything else is refused before any lookup.
 */
public final class RecoveryIds {
    private static final Pattern OFFSET = Pattern.compile("([0-9]{1,15})-([0-9]{1,18})-([a-z0-9]{1,16})");
    private static final Pattern PID = Pattern.compile("[A-Za-z0-9_-]{20}");

    private RecoveryIds() {}

    static String offset(long millis, long sequence, String node) {
        return millis + "-" + sequence + "-" + node;
    }

    /** When the offset was given, or -1 when it is not of the offset's form. */
    public static long millisOf(String offset) {
        if (offset == null) return -1;
        Matcher m = OFFSET.matcher(offset);
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    public static boolean isPid(String pid) {
        return pid != null && PID.matcher(pid).matches();
    }
}
