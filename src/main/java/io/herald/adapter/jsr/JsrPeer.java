package io.herald.adapter.jsr;

import io.herald.protocol.websocket.CloseCodes;
import io.herald.engine.websocket.WebSocketPeer;
import jakarta.websocket.CloseReason;
import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;

/** A JSR-356 {@link Session} as a {@link WebSocketPeer}: the portable path, used on every server. */
final class JsrPeer implements WebSocketPeer {
    private static final Logger LOG = Logger.getLogger(JsrPeer.class.getName());

    private final Session ws;
    private final boolean pipelines;

    JsrPeer(Session ws) {
        this.ws = ws;
        // Undertow's JSR-356 layer queues overlapping async sends in order; Tomcat and Tyrus refuse them.
        this.pipelines = ws.getClass().getName().startsWith("io.undertow.");
    }

    @Override
    public void sendText(String text, SendCallback done) {
        try {
            ws.getAsyncRemote().sendText(text, handler(done));
        } catch (RuntimeException e) {
            done.done(e); // IllegalStateException once the socket is closing: the session is over either way
        }
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback done) {
        try {
            ws.getAsyncRemote().sendBinary(data, handler(done));
        } catch (RuntimeException e) {
            done.done(e);
        }
    }

    private static SendHandler handler(SendCallback done) {
        return (SendResult result) -> done.done(result.isOK() ? null : failure(result));
    }

    private static Throwable failure(SendResult result) {
        return result.getException() != null ? result.getException() : new IOException("send failed");
    }

    @Override
    public boolean pipelines() {
        return pipelines;
    }

    @Override
    public boolean isOpen() {
        return ws.isOpen();
    }

    @Override
    public void close(int code, String reason) {
        try {
            ws.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "closing websocket", e);
        }
    }
}
