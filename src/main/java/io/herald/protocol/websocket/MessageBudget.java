package io.herald.protocol.websocket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that all connections together may hold for messages still arriving. A frame header only
 * announces a length; the memory is claimed as the bytes come, from this one budget, so that many clients
 * announcing big messages and sending little cannot fill the heap. Thread-safe (one atomic counter).
 */
public final class MessageBudget {
    private final long limit;
    private final AtomicLong held = new AtomicLong(); // bytes reserved and not yet released

    /** A budget of {@code limit} bytes; {@link Long#MAX_VALUE} for none. */
    public MessageBudget(long limit) {
        if (limit <= 0) throw new IllegalArgumentException("limit " + limit);
        this.limit = limit;
    }

    /** A budget that never refuses (for tests and tools). */
    public static MessageBudget unlimited() {
        return new MessageBudget(Long.MAX_VALUE);
    }

    /** Takes {@code bytes} from the budget; false (and nothing taken) when that would pass the limit. */
    public boolean reserve(long bytes) {
        while (true) {
            long now = held.get();
            if (bytes > limit - now) return false;
            if (held.compareAndSet(now, now + bytes)) return true;
        }
    }

    /** Gives back bytes taken with {@link #reserve}. */
    public void release(long bytes) {
        held.addAndGet(-bytes);
    }

    /** The bytes held now, by all connections. */
    public long held() {
        return held.get();
    }

    public long limit() {
        return limit;
    }
}
