package io.herald.protocol.engine;

/** Engine.IO packet types with their one-character wire codes. */
public enum EnginePacketType {
    OPEN('0'), CLOSE('1'), PING('2'), PONG('3'), MESSAGE('4'), UPGRADE('5'), NOOP('6');

    private final char code;

    EnginePacketType(char code) {
        this.code = code;
    }

    public char code() {
        return code;
    }

    /** The type for a wire code, or {@code null} if the character is not one. */
    public static EnginePacketType fromCode(char c) {
        int i = c - '0';
        return i >= 0 && i < VALUES.length ? VALUES[i] : null;
    }

    private static final EnginePacketType[] VALUES = values();
}
