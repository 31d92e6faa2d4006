package io.herald.engine.websocket;

import io.herald.engine.Delivery;
import java.nio.ByteBuffer;

/**
 * One open WebSocket as Herald's transport uses it, whichever API carries it: JSR-356 on every server
 * ({@code io.herald.adapter.jsr}), or Undertow's own on WildFly ({@code io.herald.adapter.undertow}).
 * Sends are asynchronous and never block the caller.
 */
public interface WebSocketPeer {

    /** How a send ended: {@code failure} is {@code null} when the frame was written. */
    @FunctionalInterface
    interface SendCallback {
        void done(Throwable failure);
    }

    /** Starts writing one text frame; {@code done} may run inside this call or later, on any thread. */
    void sendText(String text, SendCallback done);

    /** Starts writing one binary frame; as {@link #sendText}. */
    void sendBinary(ByteBuffer data, SendCallback done);

    /**
     * Whether the API takes a send while earlier ones are still being written, and keeps their order.
     * Herald's writer on Undertow does and then writes what piled up in one go; Tomcat and Tyrus take one
     * at a time.
     */
    boolean pipelines();

    /**
     * Writes the frames handed over since the last flush, for a peer that {@link #pipelines}: such a peer
     * only queues them. {@link Delivery#IMMEDIATE} writes on this thread where the API allows;
     * {@link Delivery#BATCHED} leaves it to the connection's own thread, with whatever piles up until then.
     * Nothing by default: the other peers start each send as it is handed over.
     */
    default void flush(Delivery delivery) {}

    boolean isOpen();

    /** Starts the closing handshake with this code (RFC 6455 section 7.4) and reason. */
    void close(int code, String reason);
}
