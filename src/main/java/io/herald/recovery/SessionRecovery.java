package io.herald.recovery;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Connection state recovery (socket.io v4's {@code connectionStateRecovery}) as the socket layer sees it: a
 * socket that lost its connection for a transient reason is kept for a while under its private id
 * ({@code pid}); a client that comes back within that window with its pid and the offset of the last event it
 * received gets its socket id, its rooms and the events it missed, in order.
 */
public interface SessionRecovery {
    /** Keeps a socket that disconnected for a reason a client recovers from. Never waits for the network. */
    void save(SavedSession session);

    /**
     * Makes one attempt to take the session back. Never waits for the network: what has to come from the
     * store is read first, without any lock, and the returned stage completes later (on a Herald timer thread,
     * never the caller's). Then {@code resume} runs with the session and the events the client missed, under
     * the recovery's ordering lock, so no event can fall between the missed ones and the live ones: it lists
     * the socket and sends the missed events, and returns whether it took the session. The stage completes
     * with what {@code resume} returned, or false when the session cannot be recovered (unknown or expired
     * pid, a pid or offset of the wrong form, an offset no longer known, the store away).
     */
    CompletionStage<Boolean> restore(String namespace, String pid, String offset, Predicate<Restored> resume);

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
