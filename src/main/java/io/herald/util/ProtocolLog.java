package io.herald.util;

import java.util.logging.Logger;

/**
 * Where protocol violations and refused requests are logged: at most {@value #PER_MINUTE} lines a minute
 * (see {@link RateLimitedLog}), under the logger {@code io.herald.protocol}. Their text often holds what a
 * client sent (a namespace, an origin, a reason): every line passes through {@link LogSafe#line}.
 */
public final class ProtocolLog {
    static final int PER_MINUTE = 20;
    private static final RateLimitedLog LOG =
            new RateLimitedLog(Logger.getLogger("io.herald.protocol"), PER_MINUTE, System::currentTimeMillis);

    private ProtocolLog() {}

    /** A connection closed because its client broke the protocol or a limit. */
    public static void violation(String sessionId, String remoteAddress, String why) {
        String from = remoteAddress == null ? "?" : remoteAddress;
        LOG.warn(LogSafe.line("closing session " + sessionId + " from " + from + ": " + why));
    }

    /** A request refused before any session existed (bad handshake, foreign origin, oversized body). */
    public static void refusal(String what) {
        LOG.warn(LogSafe.line(what));
    }

    /** Lets the next lines through whatever was logged this minute (for tests that read the log). */
    public static void startNewWindow() {
        LOG.startNewWindow();
    }
}
