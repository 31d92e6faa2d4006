package io.herald.engine;

import io.herald.util.ProtocolLog;
import io.herald.protocol.websocket.MessageBudget;
import io.herald.protocol.engine.EngineVersion;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The table of live Engine.IO sessions and the place where they are opened. Transports (WebSocket, polling)
 * validate the request with {@link #check}, then call {@link #open}. Thread-safe.
 */
public final class EngineServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineServer.class.getName());

    private final EngineOptions options;
    private final EngineListener listener;
    private final ScheduledExecutorService timers;
    private final Supplier<String> ids;
    private final Map<String, EngineSession> sessions = new ConcurrentHashMap<>();
    /** Sessions opened and not yet taken by the layer above ({@link EngineSession#taken}); at most maxPendingSessions. */
    private final AtomicInteger pending = new AtomicInteger();
    private volatile boolean closed;
    /** What this server's WebSockets together may hold for messages still arriving (thread-safe). */
    private final MessageBudget messageBudget;

    public EngineServer(EngineOptions options, EngineListener listener, ScheduledExecutorService timers,
                        Supplier<String> ids) {
        this.options = options;
        this.listener = listener;
        this.timers = timers;
        this.ids = ids;
        this.messageBudget = new MessageBudget(options.maxPendingMessageBytes());
    }

    public EngineOptions options() {
        return options;
    }

    /** The shared budget of {@link EngineOptions#maxPendingMessageBytes}, for every WebSocket of this server. */
    public MessageBudget messageBudget() {
        return messageBudget;
    }

    EngineListener listener() {
        return listener;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /**
     * Checks the {@code EIO} and {@code transport} parameters of a request; returns the error to answer
     * with, or {@code null} when the request may proceed.
     */
    public EngineError check(String eio, String transport) {
        EngineVersion version = EngineVersion.fromQuery(eio);
        if (version == null || (version == EngineVersion.V3 && !options.allowEio3())) {
            return EngineError.UNSUPPORTED_PROTOCOL_VERSION;
        }
        if (!"websocket".equals(transport) && !"polling".equals(transport)) {
            return EngineError.UNKNOWN_TRANSPORT;
        }
        return null;
    }

    /**
     * Opens a session: creates it, binds the transport made by {@code transportFactory}, sends the open
     * packet and starts the heartbeat. Returns {@code null}, opening nothing, when
     * {@link EngineOptions#maxPendingSessions} sessions are waiting to be taken already: the caller answers
     * {@link EngineError#SERVER_BUSY}.
     *
     * @param upgrades the transports the client may upgrade to (empty when it came by WebSocket)
     */
    public EngineSession open(EngineVersion version, Handshake handshake, List<String> upgrades,
                              Function<EngineSession, Transport> transportFactory) {
        if (pending.incrementAndGet() > options.maxPendingSessions()) {
            pending.decrementAndGet();
            ProtocolLog.refusal("refused a handshake from " + (handshake == null ? "?" : handshake.remoteAddress()) + ": "
                    + options.maxPendingSessions() + " sessions are waiting to join a namespace (herald.maxPendingSessions)");
            return null;
        }
        EngineSession session = new EngineSession(ids.get(), version,
                handshake == null ? null : handshake.capped(options.maxHandshakeHeaderBytes()), this); // kept as long as the session

        Transport transport = transportFactory.apply(session);
        if (closed) {
            if (session.take()) pending.decrementAndGet();
            transport.close(CloseCause.SERVER_SHUTDOWN, false);
            return session;
        }
        sessions.put(session.id(), session);
        session.start(transport, upgrades);
        return session;
    }

    /** The session with this id, or {@code null}. */
    public EngineSession session(String sid) {
        return sid == null ? null : sessions.get(sid);
    }

    public Collection<EngineSession> sessions() {
        return sessions.values();
    }

    public int size() {
        return sessions.size();
    }

    void remove(EngineSession session) {
        sessions.remove(session.id(), session);
        if (session.take()) pending.decrementAndGet(); // closed before it was taken
    }

    /** A session was taken by the layer above: it waits no more. */
    void taken() {
        pending.decrementAndGet();
    }

    /** How many sessions are waiting to be taken by the layer above. */
    public int pending() {
        return pending.get();
    }

    /** Closes every session (clients see a close frame and reconnect elsewhere). Idempotent. */
    @Override
    public void close() {
        closed = true;
        for (EngineSession session : sessions.values()) {
            try {
                session.close(CloseCause.SERVER_SHUTDOWN);
            } catch (RuntimeException e) {
                LOG.log(Level.FINE, "closing session " + session.id(), e);
            }
        }
    }
}
