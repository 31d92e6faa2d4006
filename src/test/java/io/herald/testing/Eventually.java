package io.herald.testing;

import java.util.function.BooleanSupplier;

/** Waits for state that another thread changes (a frame the server is still processing). */
public final class Eventually {
    private Eventually() {}

    /** Polls {@code condition} every 5 ms; fails the test after 5 s. */
    public static void waitUntil(BooleanSupplier condition) {
        waitUntil(5, condition);
    }

    /** Polls {@code condition} every 5 ms; fails the test after {@code seconds}. */
    public static void waitUntil(int seconds, BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) throw new AssertionError("condition not met within " + seconds + " s");
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
