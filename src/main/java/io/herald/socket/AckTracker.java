package io.herald.socket;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The acknowledgements a socket waits for. Each one completes exactly once: by the client's ACK, by its
 * timeout, or by the socket's disconnect, whichever removes it from the map first.
 */
final class AckTracker {
    private final AtomicLong nextId = new AtomicLong();
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers;

    private record Pending(CompletableFuture<List<Object>> future, ScheduledFuture<?> timeout) {}

    AckTracker(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** Reserves an id and a future that fails with {@link TimeoutException} after {@code timeoutMillis}. */
    long register(CompletableFuture<List<Object>> future, long timeoutMillis) {
        long id = nextId.getAndIncrement();
        ScheduledFuture<?> timeout = timers.schedule(() -> {
            Pending p = pending.remove(id);
            if (p != null) p.future.completeExceptionally(new TimeoutException("no ack within " + timeoutMillis + " ms"));
        }, timeoutMillis, TimeUnit.MILLISECONDS);
        pending.put(id, new Pending(future, timeout));
        return id;
    }

    /** Completes the ack with this id; false if it is unknown (late, duplicated or never sent). */
    boolean complete(long id, List<Object> args) {
        Pending p = pending.remove(id);
        if (p == null) return false;
        p.timeout.cancel(false);
        p.future.complete(args);
        return true;
    }

    void cancel(long id) {
        Pending p = pending.remove(id);
        if (p != null) p.timeout.cancel(false);
    }

    void failAll(String reason) {
        for (Long id : pending.keySet()) {
            Pending p = pending.remove(id);
            if (p != null) {
                p.timeout.cancel(false);
                p.future.completeExceptionally(new IllegalStateException(reason));
            }
        }
    }

    int size() {
        return pending.size();
    }
}
