package io.herald.socket;

import java.util.List;

/**
 * Hears what happens on a namespace. Calls for one socket come in order on that connection's thread;
 * a listener that throws is logged and does not affect the socket or the other listeners.
 */
public interface SocketListener {

    /** The socket joined the namespace (after its CONNECT was accepted). */
    default void onConnect(HeraldSocket socket) {}

    /**
     * A client event. {@code ack} is {@code null} when the client did not ask for one.
     */
    default void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {}

    /** The socket left the namespace; {@code reason} is socket.io's disconnect reason. */
    default void onDisconnect(HeraldSocket socket, String reason) {}
}
