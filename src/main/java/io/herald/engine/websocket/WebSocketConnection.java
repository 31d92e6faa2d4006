package io.herald.engine.websocket;

import io.herald.engine.CloseCause;
import io.herald.engine.EngineBindings;
import io.herald.engine.EngineError;
import io.herald.engine.EngineServer;
import io.herald.engine.EngineSession;
import io.herald.engine.Handshake;
import io.herald.engine.ProtocolLog;
import io.herald.protocol.ProtocolException;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EngineVersion;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The work behind a WebSocket endpoint: validates the request, opens an Engine.IO session on it and feeds
 * it decoded frames. Endpoint classes stay thin so that another path (the conformance server's
 * {@code /engine.io/}) reuses all of this. One instance per WebSocket; the container calls it serially.
 */
public final class WebSocketConnection {
    private static final Logger LOG = Logger.getLogger(WebSocketConnection.class.getName());

    private final Session ws;
    private final EngineSession session;
    private final int maxPayload;

    private WebSocketConnection(Session ws, EngineSession session, int maxPayload) {
        this.ws = ws;
        this.session = session;
        this.maxPayload = maxPayload;
    }

    /**
     * Opens the Engine.IO session for a new WebSocket, or closes the socket with the Engine.IO error and
     * returns {@code null} when the request is not acceptable.
     */
    public static WebSocketConnection open(Session ws, EndpointConfig config) {
        String path = config instanceof ServerEndpointConfig sec ? sec.getPath() : null;
        EngineServer engine = path == null ? null : EngineBindings.get(path);
        if (engine == null) {
            refuse(ws, CloseReason.CloseCodes.TRY_AGAIN_LATER, "server starting");
            return null;
        }
        Map<String, List<String>> query = ws.getRequestParameterMap();
        String eio = first(query, "EIO");
        EngineError error = engine.check(eio, first(query, "transport"));
        if (error == null && !"websocket".equals(first(query, "transport"))) {
            error = EngineError.BAD_REQUEST; // a polling request cannot arrive as a WebSocket
        }
        if (error == null && first(query, "sid") != null) {
            error = EngineError.UNKNOWN_SID; // no polling session to upgrade (yet)
        }
        if (error != null) {
            refuse(ws, CloseReason.CloseCodes.PROTOCOL_ERROR, error.message());
            return null;
        }
        EngineVersion version = EngineVersion.fromQuery(eio);
        int maxPayload = engine.options().maxPayload();
        ws.setMaxTextMessageBufferSize(maxPayload);
        ws.setMaxBinaryMessageBufferSize(maxPayload);
        ws.setMaxIdleTimeout(0); // liveness is the Engine.IO heartbeat's job
        Handshake handshake = handshake(ws, config, query);
        long maxQueued = engine.options().maxQueuedBytes();
        EngineSession session = engine.open(version, handshake, List.of(),
                s -> new WebSocketTransport(ws, s, version, maxQueued));
        return new WebSocketConnection(ws, session, maxPayload);
    }

    public void onText(String text) {
        if (text.length() > maxPayload) {
            ProtocolLog.violation(session.id(), session.handshake(), "text frame over maxPayload");
            session.close(CloseCause.TOO_LARGE, false);
            return;
        }
        try {
            session.receive(EngineCodec.decodeTextFrame(text));
        } catch (ProtocolException e) {
            session.fail(e.getMessage());
        }
    }

    public void onBinary(byte[] data) {
        try {
            session.receive(EngineCodec.decodeBinaryFrame(session.version(), data));
        } catch (ProtocolException e) {
            session.fail(e.getMessage());
        }
    }

    public void onClose(CloseReason reason) {
        if (reason != null && reason.getCloseCode().getCode() == CloseReason.CloseCodes.TOO_BIG.getCode()) {
            ProtocolLog.violation(session.id(), session.handshake(), "message over maxPayload");
            session.close(CloseCause.TOO_LARGE, false);
        } else {
            session.close(CloseCause.TRANSPORT_CLOSE, false);
        }
    }

    public void onError(Throwable error) {
        LOG.log(Level.FINE, "websocket error on " + session.id(), error);
        session.close(CloseCause.TRANSPORT_ERROR, false);
    }

    public EngineSession session() {
        return session;
    }

    @SuppressWarnings("unchecked")
    private static Handshake handshake(Session ws, EndpointConfig config, Map<String, List<String>> query) {
        Map<String, List<String>> headers = (Map<String, List<String>>) ws.getUserProperties()
                .getOrDefault(HandshakeConfigurator.HEADERS, config.getUserProperties().get(HandshakeConfigurator.HEADERS));
        return new Handshake(headers, query, remoteAddress(ws), System.currentTimeMillis());
    }

    /** Containers expose the peer address under their own keys; take whichever is there. */
    private static String remoteAddress(Session ws) {
        for (Map.Entry<String, Object> e : ws.getUserProperties().entrySet()) {
            if (e.getKey().toLowerCase().contains("remoteaddr") && e.getValue() != null) {
                return e.getValue().toString();
            }
        }
        return null;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static void refuse(Session ws, CloseReason.CloseCode code, String why) {
        try {
            ws.close(new CloseReason(code, why));
        } catch (IOException e) {
            LOG.log(Level.FINE, "refusing websocket", e);
        }
    }
}
