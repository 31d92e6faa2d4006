package io.herald.conformance;

import io.herald.adapter.jsr.JsrConnections;
import io.herald.engine.websocket.WebSocketConnection;
import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Engine.IO without Socket.IO at {@code /engine.io/}, for the Engine.IO test suite. Test code only. */
@ServerEndpoint(value = EngineEchoEndpoint.PATH, configurator = EngineEchoConfigurator.class)
public class EngineEchoEndpoint {
    public static final String PATH = "/engine.io/";

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
