package io.herald.recovery;

import io.herald.util.RateLimitedLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connection state recovery on one node: it gives each event its offset, keeps the recent events of each
 * namespace and the sessions that disconnected within the window, and brings a session back with what it
 * missed. It owns the ordering: each namespace has a lock, private to this class, held while an event gets
 * its offset and is delivered, and while a recovering socket gets its missed events and is listed; so each
 * event reaches a recovering socket exactly once. Nothing under that lock waits for the network: offsets are
 * made here ({@link RecoveryIds}), a {@link RecoveryStore} gets the events queued, and what a recovery needs
 * from the store is read before the lock is taken.
 */
public final class RecoveryLog implements SessionRecovery {
    private static final Logger LOG = Logger.getLogger(RecoveryLog.class.getName());
    /** How far a node's clock may be ahead of the clock that stamped the store's entries (Redis'). */
    static final long CLOCK_SLACK_MILLIS = 5_000;

    private final Duration window;
    private final int capacity;
    private final KeptSessions sessions;
    private final ScheduledExecutorService timers;
    private final Map<String, NamespaceLog> namespaces = new ConcurrentHashMap<>();
    private final String node = Long.toString(new java.security.SecureRandom().nextLong() >>> 1, 36);
    private final RateLimitedLog evictions = new RateLimitedLog(LOG, 5, System::currentTimeMillis);
    private volatile RecoveryStore store; // null: this node's memory only
    private volatile String appAttribute = "";
    private volatile String defaultApp;

    /**
     * @param capacity    events kept per namespace
     * @param maxSessions disconnected sessions kept (the oldest go first)
     * @param timers      where store answers are handled and expired sessions are purged
     */
    public RecoveryLog(Duration window, int capacity, int maxSessions, ScheduledExecutorService timers) {
        this.window = window;
        this.capacity = capacity;
        this.sessions = new KeptSessions(maxSessions);
        this.timers = timers;
        long period = Math.max(50, Math.min(window.toMillis() / 4, 10_000));
        timers.scheduleWithFixedDelay(this::purgeExpired, period, period, TimeUnit.MILLISECONDS);
    }

    public void attachStore(RecoveryStore store) {
        this.store = store;
    }

    /** Which socket attribute names a session's app, and the app of sessions without it. */
    public void apps(String attribute, String defaultApp) {
        this.appAttribute = attribute;
        this.defaultApp = defaultApp;
    }

    /** One namespace's events in offset order. */
    private static final class NamespaceLog {
        final ReentrantLock lock = new ReentrantLock();
        final ArrayDeque<RecoveryEntry> buffer = new ArrayDeque<>(); // guarded by lock
        long sequence; // guarded by lock

        /** The entries after {@code offset}, or null when this node never had it (or dropped it). Lock held. */
        List<RecoveryEntry> after(String offset) {
            List<RecoveryEntry> after = null;
            for (RecoveryEntry e : buffer) {
                if (after != null) after.add(e);
                else if (e.offset().equals(offset)) after = new ArrayList<>();
            }
            return after;
        }
    }

    private NamespaceLog log(String namespace) {
        return namespaces.computeIfAbsent(namespace, n -> new NamespaceLog());
    }

    /** What an emit became: the offset it got and how many sockets of this node it reached. */
    public record Sent(String offset, int delivered) {}

    /**
     * Sends an event in order: gives it an offset ({@code offset} when another node gave it one, else a new
     * one of this node's), keeps it, queues it for the store when {@code append}, and has {@code deliver} hand
     * it, with its offset last, to this node's sockets; all under the namespace's ordering lock.
     */
    public Sent emit(String namespace, String app, Set<String> include, Set<String> exclude, List<Object> data, String offset,
                     boolean append, ToIntFunction<List<Object>> deliver) {
        NamespaceLog log = log(namespace);
        RecoveryStore s = store;
        log.lock.lock();
        try {
            long now = System.currentTimeMillis();
            String given = offset != null ? offset : RecoveryIds.offset(now, ++log.sequence, node);
            RecoveryEntry entry = new RecoveryEntry(given, app, include, exclude, data, now);
            log.buffer.addLast(entry);
            trim(log, now);
            if (append && s != null && offset == null) s.append(namespace, entry); // a queue: no round trip here
            return new Sent(given, deliver.applyAsInt(entry.dataWithOffset()));
        } finally {
            log.lock.unlock();
        }
    }

    private void trim(NamespaceLog log, long now) {
        long oldest = now - window.toMillis();
        while (!log.buffer.isEmpty() && (log.buffer.size() > capacity || log.buffer.peekFirst().atMillis() < oldest)) {
            log.buffer.pollFirst();
        }
    }

    @Override
    public void save(SavedSession session) {
        int evicted = sessions.put(session);
        if (evicted > 0) {
            evictions.warn("Herald recovery: more than herald.recovery.maxSessions disconnected sessions; the oldest cannot recover");
        }
        RecoveryStore s = store;
        if (s != null) s.saveSession(session, window);
    }

    /** How many disconnected sessions this node keeps now. */
    public int keptSessions() {
        return sessions.size();
    }

    private void purgeExpired() {
        long now = System.currentTimeMillis();
        sessions.purge(now - window.toMillis());
        for (NamespaceLog log : namespaces.values()) {
            log.lock.lock();
            try {
                trim(log, now);
            } finally {
                log.lock.unlock();
            }
        }
    }

    @Override
    public CompletionStage<Boolean> restore(String namespace, String pid, String offset, Predicate<Restored> resume) {
        long offsetMillis = RecoveryIds.millisOf(offset);
        long now = System.currentTimeMillis();
        if (!RecoveryIds.isPid(pid) || offsetMillis < now - window.toMillis() - CLOCK_SLACK_MILLIS
                || offsetMillis > now + CLOCK_SLACK_MILLIS) {
            return CompletableFuture.completedFuture(false); // not something this server gave: no lookup at all
        }
        RecoveryStore s = store;
        SavedSession local = sessions.take(pid);
        if (local != null) {
            if (s != null) s.dropSession(pid);
            return resume(local, namespace, offset, offsetMillis, resume);
        }
        if (s == null) return CompletableFuture.completedFuture(false);
        return s.takeSession(pid)
                .thenComposeAsync(session -> resume(session, namespace, offset, offsetMillis, resume), timers)
                .exceptionally(failure -> {
                    LOG.log(Level.FINE, "recovery store unavailable", failure);
                    return false;
                });
    }

    private CompletionStage<Boolean> resume(SavedSession session, String namespace, String offset, long offsetMillis,
                                            Predicate<Restored> resume) {
        if (session == null || !session.namespace().equals(namespace)
                || session.disconnectedAtMillis() < System.currentTimeMillis() - window.toMillis()) {
            return CompletableFuture.completedFuture(false);
        }
        NamespaceLog log = log(namespace);
        log.lock.lock();
        try {
            List<RecoveryEntry> after = log.after(offset);
            if (after != null) return CompletableFuture.completedFuture(resume.test(restored(session, after)));
        } finally {
            log.lock.unlock();
        }
        RecoveryStore s = store;
        if (s == null) return CompletableFuture.completedFuture(false);
        long readAt = System.currentTimeMillis();
        return s.after(namespace, offset, offsetMillis).handleAsync((stored, failure) -> {
            if (failure != null) LOG.log(Level.FINE, "recovery store unavailable", failure);
            if (stored == null) return false;
            log.lock.lock();
            try {
                return resume.test(restored(session, merge(stored, log, offset, readAt, session)));
            } finally {
                log.lock.unlock();
            }
        }, timers);
    }

    /**
     * The store's entries after the offset, then those this node holds that the read did not return: events
     * that reached this node after the read began, or after the session disconnected (not in the store yet).
     * The namespace's lock is held, so nothing arrives meanwhile.
     */
    private static List<RecoveryEntry> merge(List<RecoveryEntry> stored, NamespaceLog log, String offset, long readAt, SavedSession session) {
        List<RecoveryEntry> merged = new ArrayList<>(stored);
        Set<String> seen = new HashSet<>();
        seen.add(offset);
        for (RecoveryEntry e : stored) seen.add(e.offset());
        for (RecoveryEntry e : log.buffer) {
            if (!seen.contains(e.offset()) && (e.atMillis() >= readAt || e.atMillis() >= session.disconnectedAtMillis())) merged.add(e);
        }
        return merged;
    }

    private Restored restored(SavedSession session, List<RecoveryEntry> after) {
        Set<String> rooms = new HashSet<>(session.rooms());
        rooms.add(session.sid());
        String app = session.attributes().getOrDefault(appAttribute, defaultApp);
        List<List<Object>> missed = new ArrayList<>();
        for (RecoveryEntry e : after) if (e.isFor(rooms, app)) missed.add(e.dataWithOffset());
        return new Restored(session, missed);
    }
}
