package io.herald.util;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * A warning log that writes at most {@code perMinute} lines a minute and then one line saying how many it
 * left out, so that a flood of bad clients cannot flood the server's log. Thread-safe.
 */
public final class RateLimitedLog {
    private final Logger logger;
    private final int perMinute;
    private final LongSupplier clock;
    private final AtomicLong windowStart;
    private final AtomicLong inWindow = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    public RateLimitedLog(Logger logger, int perMinute, LongSupplier clockMillis) {
        this.logger = logger;
        this.perMinute = perMinute;
        this.clock = clockMillis;
        this.windowStart = new AtomicLong(clockMillis.getAsLong());
    }

    public void warn(String line) {
        long now = clock.getAsLong();
        long start = windowStart.get();
        if (now - start >= 60_000 && windowStart.compareAndSet(start, now)) {
            inWindow.set(0);
            long left = suppressed.getAndSet(0);
            if (left > 0) logger.warning(left + " more protocol violations and refusals in the last minute were not logged");
        }
        if (inWindow.incrementAndGet() > perMinute) {
            suppressed.incrementAndGet();
            return;
        }
        logger.warning(line);
    }

    /** Starts a fresh window now, as if a minute had passed (for tests that read the log in a shared JVM). */
    void startNewWindow() {
        windowStart.set(clock.getAsLong());
        inWindow.set(0);
    }
}
