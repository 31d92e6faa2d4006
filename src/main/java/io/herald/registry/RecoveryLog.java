package io.herald.registry;

import io.herald.socket.SessionRecovery;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Connection state recovery's memory: the recent events of each namespace with their offsets, and the
 * sockets that disconnected within the window. With a {@link RecoveryStore} (the Redis cluster) events get
 * the store's offsets and sessions are kept there too, so a client recovers on another node; without one, or
 * while it is unreachable, this node's memory serves. Each namespace's buffer is guarded by its emit lock.
 */
public final class RecoveryLog implements SessionRecovery {
    private static final Logger LOG = Logger.getLogger(RecoveryLog.class.getName());

    private final Duration window;
    private final int capacity;
    private final Map<String, ArrayDeque<RecoveryEntry>> buffers = new ConcurrentHashMap<>();
    private final Map<String, SavedSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String localPrefix = "L" + Long.toString(System.nanoTime() & 0xffffff, 36) + "-";
    private volatile RecoveryStore store;
    private volatile String defaultApp;

    public RecoveryLog(Duration window, int capacity) {
        this.window = window;
        this.capacity = capacity;
    }

    public void attachStore(RecoveryStore store) {
        this.store = store;
    }

    void defaultApp(String app) {
        this.defaultApp = app;
    }

    /**
     * Keeps an event and returns it as sent, with its offset last. {@code offset} is the one another node gave
     * it, or null to get one (from the store when {@code append} and the store answers, else a local one).
     * Called with the namespace's emit lock held.
     */
    List<Object> record(String namespace, String app, Set<String> include, Set<String> exclude, List<Object> data,
                        String offset, boolean append) {
        long now = System.currentTimeMillis();
        RecoveryEntry entry = new RecoveryEntry(null, app, include, exclude, data, now);
        RecoveryStore s = store;
        if (offset == null && append && s != null) offset = s.append(namespace, entry);
        if (offset == null) offset = localPrefix + sequence.incrementAndGet();
        entry = new RecoveryEntry(offset, app, include, exclude, data, now);
        ArrayDeque<RecoveryEntry> buffer = buffers.computeIfAbsent(namespace, n -> new ArrayDeque<>());
        buffer.addLast(entry);
        while (buffer.size() > capacity || buffer.peekFirst().atMillis() < now - window.toMillis()) buffer.pollFirst();
        return entry.dataWithOffset();
    }

    @Override
    public void save(SavedSession session) {
        sessions.put(session.pid(), session);
        if (sequence.get() % 64 == 0) purgeExpired();
        RecoveryStore s = store;
        if (s != null) s.saveSession(session, window);
    }

    private void purgeExpired() {
        long oldest = System.currentTimeMillis() - window.toMillis();
        sessions.values().removeIf(s -> s.disconnectedAtMillis() < oldest);
    }

    @Override
    public Restored restore(String namespace, String pid, String offset) {
        SavedSession session = sessions.remove(pid);
        RecoveryStore s = store;
        try {
            if (session == null && s != null) session = s.takeSession(pid);
            else if (s != null) s.dropSession(pid);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "recovery store unavailable", e);
        }
        if (session == null || !session.namespace().equals(namespace)
                || session.disconnectedAtMillis() < System.currentTimeMillis() - window.toMillis()) {
            return null;
        }
        List<RecoveryEntry> after = fromMemory(namespace, offset);
        if (after == null && s != null) after = fromStore(s, namespace, offset);
        if (after == null) return null;
        Set<String> rooms = new HashSet<>(session.rooms());
        rooms.add(session.sid());
        String app = session.attributes().getOrDefault(Registry.APP_ATTRIBUTE, defaultApp);
        List<List<Object>> missed = new ArrayList<>();
        for (RecoveryEntry e : after) if (e.isFor(rooms, app)) missed.add(e.dataWithOffset());
        return new Restored(session, missed);
    }

    /** The entries this node kept after {@code offset}, or null when it never had that offset (or dropped it). */
    private List<RecoveryEntry> fromMemory(String namespace, String offset) {
        ArrayDeque<RecoveryEntry> buffer = buffers.get(namespace);
        if (buffer == null) return null;
        List<RecoveryEntry> after = null;
        for (RecoveryEntry e : buffer) {
            if (after != null) after.add(e);
            else if (e.offset().equals(offset)) after = new ArrayList<>();
        }
        return after;
    }

    /**
     * The store's entries after {@code offset}, then those that reached this node since (they carry the
     * store's offsets too), so nothing falls between the read and the live events.
     */
    private List<RecoveryEntry> fromStore(RecoveryStore s, String namespace, String offset) {
        List<RecoveryEntry> stored;
        try {
            stored = s.after(namespace, offset);
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "recovery store unavailable", e);
            return null;
        }
        if (stored == null) return null;
        List<RecoveryEntry> after = new ArrayList<>(stored);
        String last = stored.isEmpty() ? offset : stored.get(stored.size() - 1).offset();
        ArrayDeque<RecoveryEntry> buffer = buffers.get(namespace);
        if (buffer != null) {
            for (Iterator<RecoveryEntry> it = buffer.iterator(); it.hasNext(); ) {
                RecoveryEntry e = it.next();
                if (StreamIds.compare(e.offset(), last) > 0) after.add(e);
            }
        }
        return after;
    }

    /** Redis stream ids, {@code <millis>-<sequence>}; anything else sorts first (a node-local offset). */
    static final class StreamIds {
        private StreamIds() {}

        static int compare(String a, String b) {
            long[] x = parse(a), y = parse(b);
            if (x == null || y == null) return x == null ? (y == null ? 0 : -1) : 1;
            return x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]);
        }

        private static long[] parse(String id) {
            int dash = id.indexOf('-');
            if (dash <= 0) return null;
            try {
                return new long[] {Long.parseLong(id.substring(0, dash)), Long.parseLong(id.substring(dash + 1))};
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }
}
