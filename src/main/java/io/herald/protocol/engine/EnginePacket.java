package io.herald.protocol.engine;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Engine.IO packet, immutable. A text packet has {@code data} (possibly empty) and no {@code binary}; a
 * binary packet is always a MESSAGE with {@code binary} set and {@code data == null}.
 *
 * <p>A text packet remembers its WebSocket text frame once encoded ({@link #textFrame()}): a broadcast hands
 * one packet to every recipient, and they all send that same string instead of each building its own.
 */
public final class EnginePacket {
    public static final EnginePacket PING = new EnginePacket(EnginePacketType.PING, "", null);
    public static final EnginePacket PONG = new EnginePacket(EnginePacketType.PONG, "", null);
    public static final EnginePacket NOOP = new EnginePacket(EnginePacketType.NOOP, "", null);
    public static final EnginePacket CLOSE = new EnginePacket(EnginePacketType.CLOSE, "", null);
    public static final EnginePacket UPGRADE = new EnginePacket(EnginePacketType.UPGRADE, "", null);

    private final EnginePacketType type;
    private final String data;
    private final byte[] binary;
    /** The encoded text frame, made on first use; a race only makes it twice (a String is safely published). */
    private String textFrame;

    public EnginePacket(EnginePacketType type, String data, byte[] binary) {
        if (type == null) throw new IllegalArgumentException("type");
        if (binary != null && (type != EnginePacketType.MESSAGE || data != null)) {
            throw new IllegalArgumentException("binary packets are messages without text");
        }
        this.type = type;
        this.data = binary == null && data == null ? "" : data;
        this.binary = binary;
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

    public EnginePacketType type() {
        return type;
    }

    /** The text, or {@code null} for a binary packet. */
    public String data() {
        return data;
    }

    /** The bytes of a binary packet (not copied), or {@code null}. */
    public byte[] binary() {
        return binary;
    }

    public boolean isBinary() {
        return binary != null;
    }

    /** The WebSocket text frame: the type digit, then the data. */
    public String textFrame() {
        if (binary != null) throw new IllegalArgumentException("binary packets go in binary frames");
        String frame = textFrame;
        if (frame == null) {
            frame = data.isEmpty() ? String.valueOf(type.code()) : type.code() + data;
            textFrame = frame;
        }
        return frame;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EnginePacket p && type == p.type && Objects.equals(data, p.data) && Arrays.equals(binary, p.binary);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * type.hashCode() + Objects.hashCode(data)) + Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return "EnginePacket[" + type + (binary != null ? ", " + binary.length + " bytes]" : ", " + data + "]");
    }
}
