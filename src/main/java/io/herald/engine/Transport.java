package io.herald.engine;

import io.herald.protocol.engine.EnginePacket;
import java.util.List;

/**
 * One way of carrying packets to a client. Implementations own their outbound queue: {@code send} only
 * enqueues and never blocks, and the packets of one {@code send} call leave together and in order.
 */
public interface Transport {

    /** {@code "websocket"} or {@code "polling"}, as in the {@code transport} query parameter. */
    String name();

    void send(List<EnginePacket> packets);

    /**
     * The first half of {@link #send}: queues the packets, in order, without writing them. The session calls
     * it under its send lock, which fixes the order of concurrent senders, and {@link #flush} after letting go
     * of the lock, so that one sender's writes never keep the others waiting. By default it is {@code send}.
     */
    default void enqueue(List<EnginePacket> packets) {
        send(packets);
    }

    /**
     * The second half of {@link #send}: writes what {@link #enqueue} queued, on any thread, as soon as
     * {@code delivery} asks; a transport with only one way of writing ignores it. Nothing by default.
     */
    default void flush(Delivery delivery) {}

    /**
     * Closes the transport. With {@code flush}, packets already queued are written first (a graceful
     * close); without, they are dropped. Safe to call more than once.
     */
    void close(CloseCause cause, boolean flush);
}
