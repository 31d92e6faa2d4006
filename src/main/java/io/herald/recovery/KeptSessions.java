package io.herald.recovery;

import io.herald.recovery.SessionRecovery.SavedSession;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The sessions this node keeps for recovery, oldest disconnect first, at most {@code max} of them: a new one
 * beyond that pushes the oldest out. Expired ones are dropped by {@link #purge}, which a timer calls, so a
 * quiet node lets go of them on time too. Thread-safe; every method is short and does no I/O under the lock.
 */
final class KeptSessions {
    private final int max;
    private final LinkedHashMap<String, SavedSession> byPid = new LinkedHashMap<>(); // guarded by this; insertion = disconnect order

    KeptSessions(int max) {
        this.max = Math.max(1, max);
    }

    /** Keeps a session; returns how many older ones it pushed out (0 unless the cap was reached). */
    synchronized int put(SavedSession session) {
        byPid.remove(session.pid()); // a pid kept again moves to the end
        byPid.put(session.pid(), session);
        int evicted = 0;
        for (Iterator<SavedSession> it = byPid.values().iterator(); byPid.size() > max && it.hasNext(); evicted++) {
            it.next();
            it.remove();
        }
        return evicted;
    }

    synchronized SavedSession take(String pid) {
        return byPid.remove(pid);
    }

    /** Drops the sessions that disconnected before {@code oldestMillis}; stops at the first younger one. */
    synchronized void purge(long oldestMillis) {
        for (Iterator<SavedSession> it = byPid.values().iterator(); it.hasNext(); ) {
            if (it.next().disconnectedAtMillis() >= oldestMillis) return;
            it.remove();
        }
    }

    synchronized int size() {
        return byPid.size();
    }
}
