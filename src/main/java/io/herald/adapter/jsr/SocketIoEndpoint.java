package io.herald.adapter.jsr;

import io.herald.engine.websocket.WebSocketConnection;
import io.herald.engine.EngineBindings;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The Engine.IO / Socket.IO WebSocket endpoint at {@code <context>/socket.io/}, the path the stock clients
 * use by default. All work happens in {@link WebSocketConnection}.
 */
@ServerEndpoint(value = SocketIoEndpoint.PATH, configurator = HandshakeConfigurator.class)
public class SocketIoEndpoint {
    public static final String PATH = EngineBindings.SOCKET_IO_PATH;

    private WebSocketConnection connection;

    @OnOpen
    public void onOpen(Session ws, EndpointConfig config) {
        connection = JsrConnections.open(ws, config);
    }

    /** Messages come in parts, so that the container's buffers stay small; the connection joins them. */
    @OnMessage
    public void onText(String part, boolean last) {
        if (connection != null) connection.onTextPart(part, last);
    }

    @OnMessage
    public void onBinary(byte[] part, boolean last) {
        if (connection != null) connection.onBinaryPart(part, last);
    }

    @OnClose
    public void onClose(CloseReason reason) {
        if (connection != null) connection.onClose(reason.getCloseCode().getCode());
    }

    @OnError
    public void onError(Throwable error) {
        if (connection != null) connection.onError(error);
    }
}
