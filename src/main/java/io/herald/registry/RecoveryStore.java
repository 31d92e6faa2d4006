package io.herald.registry;

import io.herald.socket.SessionRecovery.SavedSession;
import java.time.Duration;
import java.util.List;

/**
 * Where a cluster keeps what recovery needs beyond one node's memory: the events of every node in order
 * (a Redis stream per namespace) and the sessions of disconnected sockets, so that a client recovers on any
 * node. Every method may fail while the store is unreachable; callers fall back to this node's memory.
 */
public interface RecoveryStore {
    /** Appends an event (its offset ignored) and returns the offset the store gave it, or null on failure. */
    String append(String namespace, RecoveryEntry entry);

    void saveSession(SavedSession session, Duration ttl);

    /** Removes and returns a kept session, or null. */
    SavedSession takeSession(String pid);

    void dropSession(String pid);

    /** The events after {@code offset}, oldest first, or null when the store no longer holds {@code offset}. */
    List<RecoveryEntry> after(String namespace, String offset);
}
