package io.herald.engine;

import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Logs protocol violations without letting a flood of bad clients flood the log: at most
 * {@value #PER_MINUTE} lines a minute, then one line saying how many were left out.
 */
public final class ProtocolLog {
    private static final Logger LOG = Logger.getLogger("io.herald.protocol");
    private static final int PER_MINUTE = 20;
    private static final AtomicLong WINDOW_START = new AtomicLong();
    private static final AtomicLong IN_WINDOW = new AtomicLong();
    private static final AtomicLong SUPPRESSED = new AtomicLong();

    private ProtocolLog() {}

    /** A connection closed because its client broke the protocol or a limit. */
    public static void violation(String sessionId, Handshake handshake, String why) {
        String from = handshake == null || handshake.remoteAddress() == null ? "?" : handshake.remoteAddress();
        log("closing session " + sessionId + " from " + from + ": " + why);
    }

    /** A request refused before any session existed (bad handshake, foreign origin, oversized body). */
    public static void refusal(String what) {
        log(what);
    }

    private static void log(String line) {
        long now = System.currentTimeMillis();
        long start = WINDOW_START.get();
        if (now - start >= 60_000 && WINDOW_START.compareAndSet(start, now)) {
            IN_WINDOW.set(0);
            long suppressed = SUPPRESSED.getAndSet(0);
            if (suppressed > 0) {
                LOG.warning(suppressed + " more protocol violations and refusals in the last minute were not logged");
            }
        }
        if (IN_WINDOW.incrementAndGet() > PER_MINUTE) {
            SUPPRESSED.incrementAndGet();
            return;
        }
        LOG.warning(line);
    }
}
