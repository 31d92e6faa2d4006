package io.herald.engine;

import io.herald.protocol.websocket.CloseCodes;

/**
 * Why an Engine.IO session ended. The {@link #reason()} strings are the ones socket.io reports as
 * disconnect reasons, so applications moving from Node see the same words.
 */
public enum CloseCause {
    /** The client closed the connection (or the network dropped it). */
    TRANSPORT_CLOSE("transport close"),
    /** The transport failed while reading or writing. */
    TRANSPORT_ERROR("transport error"),
    /** The client did not answer a ping in time. */
    PING_TIMEOUT("ping timeout"),
    /** The client sent something that does not decode. */
    PARSE_ERROR("parse error"),
    /** A message exceeded {@code maxPayload}. */
    TOO_LARGE("message too large"),
    /** The client read too slowly and its send queue overflowed. */
    SLOW_CLIENT("send queue overflow"),
    /** The server closed the session on purpose (disconnect with close, connect timeout). */
    FORCED_CLOSE("forced close"),
    /** The application is stopping (undeploy). */
    SERVER_SHUTDOWN("server shutting down");

    private final String reason;

    CloseCause(String reason) {
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }

    /** The WebSocket close code that tells the client why Herald closed its session. */
    public int webSocketCode() {
        return switch (this) {
            case TOO_LARGE -> CloseCodes.TOO_BIG;
            case PARSE_ERROR -> CloseCodes.PROTOCOL_ERROR;
            case SLOW_CLIENT -> CloseCodes.POLICY_VIOLATION;
            case SERVER_SHUTDOWN -> CloseCodes.GOING_AWAY;
            case TRANSPORT_ERROR -> CloseCodes.UNEXPECTED_CONDITION;
            default -> CloseCodes.NORMAL;
        };
    }
}
