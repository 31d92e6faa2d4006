package io.herald.protocol.engine;

/**
 * One Engine.IO packet. A text packet has {@code data} (possibly empty) and no {@code binary}; a binary
 * packet is always a MESSAGE with {@code binary} set and {@code data == null}.
 */
public record EnginePacket(EnginePacketType type, String data, byte[] binary) {

    public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, "", null);
    public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, "", null);
    public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, "", null);
    public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, "", null);
    public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, "", null);

    public EnginePacket {
        if (type == null) throw new IllegalArgumentException("type");
        if (binary != null && (type != EnginePacketType.MESSAGE || data != null)) {
            throw new IllegalArgumentException("binary packets are messages without text");
        }
        if (binary == null && data == null) data = "";
    }

    public static EnginePacket of(EnginePacketType type, String data) {
        return new EnginePacket(type, data, null);
    }

    public static EnginePacket message(String data) {
        return new EnginePacket(EnginePacketType.MESSAGE, data, null);
    }

    public static EnginePacket binary(byte[] data) {
        return new EnginePacket(EnginePacketType.MESSAGE, null, data);
    }

    public boolean isBinary() {
        return binary != null;
    }
}
