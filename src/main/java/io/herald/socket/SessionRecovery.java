package io.herald.socket;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Connection state recovery (socket.io v4's {@code connectionStateRecovery}): a socket that lost its
 * connection for a transient reason is kept for a while under its private id ({@code pid}); a client that
 * comes back within that window with its pid and the offset of the last event it received gets its socket id,
 * its rooms and the events it missed, in order. The socket layer calls this; the registry keeps the events.
 */
public interface SessionRecovery {
    /** Keeps a socket that disconnected for a reason a client recovers from. */
    void save(SavedSession session);

    /**
     * Takes the session back, with the events the client missed after {@code offset}, or returns {@code null}
     * when it cannot be recovered (unknown or expired pid, offset no longer known). Called with the
     * namespace's {@link Namespace#emitLock()} held, so no event can slip between the missed ones and the live ones.
     */
    Restored restore(String namespace, String pid, String offset);

    /** A socket kept for recovery: its ids, rooms and string attributes (the app it belongs to, say). */
    record SavedSession(String pid, String sid, String namespace, Set<String> rooms, Map<String, String> attributes,
                        long disconnectedAtMillis) {
        public SavedSession {
            rooms = Set.copyOf(rooms);
            attributes = Map.copyOf(attributes);
        }
    }

    /** A recovered session and the events it missed, each {@code [event, ...args, offset]}. */
    record Restored(SavedSession session, List<List<Object>> missed) {}

    /** socket.io's reasons after which a client may recover: the connection broke, the client did not leave. */
    Set<String> RECOVERABLE_REASONS = Set.of("transport close", "transport error", "ping timeout", "forced close",
            "server shutting down", "send queue overflow");
}
