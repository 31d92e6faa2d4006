package io.herald.engine.websocket;

import io.herald.protocol.websocket.CloseCodes;
import io.herald.engine.CloseCause;
import io.herald.engine.EngineError;
import io.herald.engine.EngineServer;
import io.herald.engine.EngineSession;
import io.herald.engine.Handshake;
import io.herald.protocol.ProtocolException;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import io.herald.protocol.websocket.MessageBudget;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work behind a WebSocket endpoint: validates the request, opens an Engine.IO session on it and feeds
 * it decoded frames. Endpoint classes stay thin so that another path (the conformance server's
 * {@code /engine.io/}) and each container's API ({@code io.herald.adapter.jsr}, {@code io.herald.adapter.undertow}) reuse
 * all of this. One instance per WebSocket; the container calls it serially.
 */
public final class WebSocketConnection {
    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());

    private final EngineSession session;
    private final WebSocketTransport transport;
    private final int maxPayload;
    /** The JSR-356 message being joined from its parts; made on the first part (serial, like all calls). */
    private PartialMessage partial;
    private final MessageBudget budget;
    /** True while this WebSocket is a probe for upgrading a polling session; read and written serially. */
    private boolean probing;

    private WebSocketConnection(EngineSession session, WebSocketTransport transport, int maxPayload,
                                MessageBudget budget, boolean probing) {
        this.session = session;
        this.budget = budget;
        this.transport = transport;
        this.maxPayload = maxPayload;
        this.probing = probing;
    }

    /**
     * Opens the Engine.IO session of {@code engine} for a new WebSocket whose request had these (decoded)
     * query parameters, or closes the socket with the Engine.IO error and returns {@code null} when the
     * request is not acceptable. {@code handshake} is asked only when a new session is opened.
     */
    public static WebSocketConnection open(EngineServer engine, WebSocketPeer ws, Map<String, List<String>> query,
                                           Supplier<Handshake> handshake) {
        String eio = first(query, "EIO");
        EngineError error = engine.check(eio, first(query, "transport"));
        if (error == null && !"websocket".equals(first(query, "transport"))) {
            error = EngineError.BAD_REQUEST; // a polling request cannot arrive as a WebSocket
        }
        if (error != null) {
            ws.close(CloseCodes.PROTOCOL_ERROR, error.message());
            return null;
        }
        EngineVersion version = EngineVersion.fromQuery(eio);
        int maxPayload = engine.options().maxPayload();
        long maxQueued = engine.options().maxQueuedBytes();
        String sid = first(query, "sid");
        if (sid != null) {
            return upgrade(ws, engine.session(sid), version, maxQueued, maxPayload, engine.messageBudget());
        }
        WebSocketTransport[] created = new WebSocketTransport[1];
        EngineSession session = engine.open(version, handshake.get(), List.of(),
                s -> created[0] = new WebSocketTransport(ws, s, version, maxQueued));
        if (session == null) {
            ws.close(CloseCodes.TRY_AGAIN_LATER, EngineError.SERVER_BUSY.message());
            return null;
        }
        return new WebSocketConnection(session, created[0], maxPayload, engine.messageBudget(), false);
    }

    /** A WebSocket that names an existing (polling) session: it becomes that session's upgrade probe. */
    private static WebSocketConnection upgrade(WebSocketPeer ws, EngineSession session, EngineVersion version,
                                               long maxQueued, int maxPayload,
                                               MessageBudget budget) {
        if (session == null) {
            ws.close(CloseCodes.PROTOCOL_ERROR, EngineError.UNKNOWN_SID.message());
            return null;
        }
        WebSocketTransport probe = new WebSocketTransport(ws, session, version, maxQueued);
        if (session.version() != version || !session.beginUpgrade(probe)) {
            // already upgraded, or another probe is under way: a second WebSocket for one sid is refused
            ws.close(CloseCodes.PROTOCOL_ERROR, EngineError.BAD_REQUEST.message());
            return null;
        }
        return new WebSocketConnection(session, probe, maxPayload, budget, true);
    }

    /** A part of a text message (JSR-356 {@code MessageHandler.Partial}); handled when the last part comes. */
    public void onTextPart(String part, boolean last) {
        String text;
        try {
            text = partial().text(part, last);
        } catch (PartialMessage.Refused e) {
            tooLarge(e.getMessage());
            return;
        }
        if (text != null) onText(text);
    }

    /** A part of a binary message; handled when the last part comes. */
    public void onBinaryPart(byte[] part, boolean last) {
        byte[] data;
        try {
            data = partial().binary(part, last);
        } catch (PartialMessage.Refused e) {
            tooLarge(e.getMessage());
            return;
        }
        if (data != null) onBinary(data);
    }

    private PartialMessage partial() {
        if (partial == null) partial = new PartialMessage(maxPayload, budget);
        return partial;
    }

    /** A message over maxPayload or the shared budget: the session closes with 1009 (only the probe, while one). */
    private void tooLarge(String why) {
        if (probing) {
            failOrAbort(why);
        } else {
            session.logViolation(why);
            session.close(CloseCause.TOO_LARGE, false);
        }
    }

    public void onText(String text) {
        if (text.length() > maxPayload) {
            tooLarge("text frame over maxPayload");
            return;
        }
        EnginePacket packet;
        try {
            packet = EngineCodec.decodeTextFrame(session.version(), text);
        } catch (ProtocolException e) {
            failOrAbort(e.getMessage());
            return;
        }
        if (probing) {
            if (session.receiveOnProbe(transport, packet)) probing = false;
        } else {
            session.receive(packet);
        }
    }

    /**
     * The client broke the WebSocket protocol itself (a frame Herald's own reader refused; the socket is
     * being closed with the matching code): logged, and the session ends as for a malformed packet.
     */
    public void onBadFrame(String why) {
        failOrAbort("WebSocket frame: " + why);
    }

    /** A bad frame ends the session, or only the probe while this socket is one. */
    private void failOrAbort(String why) {
        if (probing) {
            session.logViolation("during upgrade: " + why);
            if (session.abortUpgrade(transport)) transport.close(CloseCause.PARSE_ERROR, false);
        } else {
            session.fail(why);
        }
    }

    public void onBinary(byte[] data) {
        if (probing) {
            failOrAbort("binary frame");
            return;
        }
        try {
            session.receive(EngineCodec.decodeBinaryFrame(session.version(), data));
        } catch (ProtocolException e) {
            session.fail(e.getMessage());
        }
    }

    /** The socket has closed; {@code code} is the close code (1009 when the container found a message too big). */
    public void onClose(int code) {
        if (partial != null) partial.release();
        if (probing) {
            session.abortUpgrade(transport); // the session carries on over polling
            return;
        }
        if (code == CloseCodes.TOO_BIG) {
            session.logViolation("message over maxPayload");
            session.close(CloseCause.TOO_LARGE, false);
        } else {
            session.close(CloseCause.TRANSPORT_CLOSE, false);
        }
    }

    public void onError(Throwable error) {
        if (partial != null) partial.release();
        LOG.log(Level.FINE, "websocket error on " + session.id(), error);
        if (probing) {
            session.abortUpgrade(transport);
        } else {
            session.close(CloseCause.TRANSPORT_ERROR, false);
        }
    }

    public EngineSession session() {
        return session;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
