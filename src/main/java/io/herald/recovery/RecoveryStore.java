package io.herald.recovery;

import io.herald.recovery.SessionRecovery.SavedSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where a cluster keeps what recovery needs beyond one node's memory: the events of every node (a Redis
 * stream per namespace) and the sessions of disconnected sockets, so that a client recovers on any node. No
 * method waits for the network: writes are queued, reads answer with a stage. Reads fail (exceptionally)
 * while the store is unreachable; the caller then falls back to this node's memory.
 */
public interface RecoveryStore {
    /** Queues an event (with the offset this node gave it) for the stream; events of one node keep their order. */
    void append(String namespace, RecoveryEntry entry);

    void saveSession(SavedSession session, Duration ttl);

    /** Removes and returns a kept session; completes with null when there is none. */
    CompletionStage<SavedSession> takeSession(String pid);

    void dropSession(String pid);

    /**
     * The events after {@code offset}, oldest first, or null when the store no longer holds {@code offset} (or
     * more events followed it than the store reads at once). {@code offsetMillis} is when the offset was given:
     * the read starts near it, not at the beginning of the stream.
     */
    CompletionStage<List<RecoveryEntry>> after(String namespace, String offset, long offsetMillis);
}
