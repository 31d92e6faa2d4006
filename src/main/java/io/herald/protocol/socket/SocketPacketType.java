package io.herald.protocol.socket;

/** Socket.IO packet types (protocol v5; v4 differs only in what CONNECT and CONNECT_ERROR carry). */
public enum SocketPacketType {
    CONNECT, DISCONNECT, EVENT, ACK, CONNECT_ERROR, BINARY_EVENT, BINARY_ACK;

    private static final SocketPacketType[] VALUES = values();

    public char code() {
        return (char) ('0' + ordinal());
    }

    /** The type for a wire digit, or {@code null}. */
    public static SocketPacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }
}
