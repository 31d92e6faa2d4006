package io.herald.socket;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The acknowledgements a socket waits for. Each one completes exactly once: by the client's ACK, by its
 * timeout, or by the socket's disconnect, whichever removes it from the map first. Futures are completed
 * outside the lock, since their callbacks are the application's.
 *
 * <p>Every socket has one and most never ask for an ack, so the map is made by the first request.
 */
final class AckTracker {
    private final ScheduledExecutorService timers;
    private long nextId;                  // guarded by this
    private Map<Long, Pending> pending;   // guarded by this; null until the first ack is asked for

    private record Pending(CompletableFuture<List<Object>> future, ScheduledFuture<?> timeout) {}

    AckTracker(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** Reserves an id and a future that fails with {@link TimeoutException} after {@code timeoutMillis}. */
    long register(CompletableFuture<List<Object>> future, long timeoutMillis) {
        // scheduled under the lock: a timeout that fires at once still finds the ack in the map
        synchronized (this) {
            long id = nextId++;
            ScheduledFuture<?> timeout = timers.schedule(() -> {
                Pending p = remove(id);
                if (p != null) p.future.completeExceptionally(new TimeoutException("no ack within " + timeoutMillis + " ms"));
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            if (pending == null) pending = new HashMap<>(4);
            pending.put(id, new Pending(future, timeout));
            return id;
        }
    }

    /** Completes the ack with this id; false if it is unknown (late, duplicated or never sent). */
    boolean complete(long id, List<Object> args) {
        Pending p = remove(id);
        if (p == null) return false;
        p.timeout.cancel(false);
        p.future.complete(args);
        return true;
    }

    void cancel(long id) {
        Pending p = remove(id);
        if (p != null) p.timeout.cancel(false);
    }

    void failAll(String reason) {
        List<Pending> all;
        synchronized (this) {
            if (pending == null || pending.isEmpty()) return;
            all = new ArrayList<>(pending.values());
            pending.clear();
        }
        for (Pending p : all) {
            p.timeout.cancel(false);
            p.future.completeExceptionally(new IllegalStateException(reason));
        }
    }

    synchronized int size() {
        return pending == null ? 0 : pending.size();
    }

    private synchronized Pending remove(long id) {
        return pending == null ? null : pending.remove(id);
    }
}
