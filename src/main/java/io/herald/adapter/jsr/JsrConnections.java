package io.herald.adapter.jsr;

import io.herald.engine.EngineBindings;
import io.herald.engine.EngineServer;
import io.herald.engine.Handshake;
import io.herald.engine.websocket.WebSocketConnection;
import io.herald.protocol.websocket.CloseCodes;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;
import java.util.Map;

/** Opens the neutral {@link WebSocketConnection} behind a JSR-356 session. */
public final class JsrConnections {
    /** The size of the JSR-356 container's message buffers of each session, in bytes or chars. */
    static final int CONTAINER_BUFFER = 1024;

    private JsrConnections() {}

    /**
     * Opens the Engine.IO session for a new WebSocket, or closes the socket with the Engine.IO error and
     * returns {@code null} when the request is not acceptable.
     */
    public static WebSocketConnection open(Session ws, EndpointConfig config) {
        String path = config instanceof ServerEndpointConfig sec ? sec.getPath() : null;
        EngineServer engine = path == null ? null : EngineBindings.get(path);
        JsrPeer peer = new JsrPeer(ws);
        if (engine == null) {
            peer.close(CloseCodes.TRY_AGAIN_LATER, "server starting");
            return null;
        }
        // small container buffers on every session (Tomcat allocates them up front): the endpoint takes
        // messages in parts and the connection joins them, up to maxPayload
        ws.setMaxTextMessageBufferSize(CONTAINER_BUFFER);
        ws.setMaxBinaryMessageBufferSize(CONTAINER_BUFFER);
        ws.setMaxIdleTimeout(0); // liveness is the Engine.IO heartbeat's job
        Map<String, List<String>> query = ws.getRequestParameterMap();
        return WebSocketConnection.open(engine, peer, query, () -> handshake(ws, config, query));
    }

    /** The handshake as the configurator saw it; taken out of the session so it is kept once, in the Handshake. */
    @SuppressWarnings("unchecked")
    private static Handshake handshake(Session ws, EndpointConfig config, Map<String, List<String>> query) {
        Map<String, Object> properties = ws.getUserProperties();
        Map<String, List<String>> headers = (Map<String, List<String>>) properties.remove(HandshakeConfigurator.HEADERS);
        if (headers == null) headers = (Map<String, List<String>>) config.getUserProperties().get(HandshakeConfigurator.HEADERS);
        Object remote = properties.remove(HandshakeConfigurator.REMOTE_ADDRESS);
        if (remote == null) remote = config.getUserProperties().get(HandshakeConfigurator.REMOTE_ADDRESS);
        return new Handshake(headers, query, remote == null ? null : remote.toString(), System.currentTimeMillis());
    }
}
