package io.herald.protocol.socket;

import java.util.List;
import java.util.Map;

/**
 * One Socket.IO packet.
 *
 * <p>{@code data} by type: CONNECT — the auth object ({@code Map}) or {@code null}; DISCONNECT —
 * {@code null}; EVENT / BINARY_EVENT — the argument list, the event name first; ACK / BINARY_ACK — the
 * argument list; CONNECT_ERROR — a {@code Map} (v5) or a {@code String} (v4). Binary values are
 * {@code byte[]} anywhere inside the data. {@code ackId} is {@link #NO_ACK} when absent.
 */
public record SocketPacket(SocketPacketType type, String namespace, Object data, long ackId) {

    public static final long NO_ACK = -1;
    public static final String DEFAULT_NAMESPACE = "/";

    public SocketPacket {
        if (type == null) throw new IllegalArgumentException("type");
        if (namespace == null || namespace.isEmpty()) namespace = DEFAULT_NAMESPACE;
    }

    public static SocketPacket connect(String namespace, Map<String, ?> data) {
        return new SocketPacket(SocketPacketType.CONNECT, namespace, data, NO_ACK);
    }

    public static SocketPacket disconnect(String namespace) {
        return new SocketPacket(SocketPacketType.DISCONNECT, namespace, null, NO_ACK);
    }

    /** An event; {@code args} starts with the event name. */
    public static SocketPacket event(String namespace, List<?> args, long ackId) {
        return new SocketPacket(SocketPacketType.EVENT, namespace, args, ackId);
    }

    public static SocketPacket ack(String namespace, List<?> args, long ackId) {
        return new SocketPacket(SocketPacketType.ACK, namespace, args, ackId);
    }

    public static SocketPacket connectError(String namespace, Object data) {
        return new SocketPacket(SocketPacketType.CONNECT_ERROR, namespace, data, NO_ACK);
    }

    public boolean hasAck() {
        return ackId != NO_ACK;
    }

    /** The argument list of an event or ack packet. */
    @SuppressWarnings("unchecked")
    public List<Object> args() {
        return (List<Object>) data;
    }

    /** The event name of an event packet ({@code String}, or a number as socket.io allows). */
    public String eventName() {
        Object first = args().get(0);
        return first instanceof String s ? s : String.valueOf(first);
    }
}
