package io.herald.protocol.websocket;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Server-to-client WebSocket frames (RFC 6455 section 5.2): each message whole in one final frame, unmasked,
 * as a server sends them. Herald writes its own frames where it owns the connection's write side (Undertow,
 * see {@code io.herald.engine.websocket.undertow}); elsewhere the container frames what Herald sends.
 */
public final class WebSocketFrames {
    /** Opcodes (section 5.2), for the frames Herald writes and those {@link WebSocketReader} reads. */
    public static final int CONTINUATION = 0x0, TEXT = 0x1, BINARY = 0x2, CLOSE = 0x8, PING = 0x9, PONG = 0xA;
    private static final int FIN = 0x80;
    /** The largest length that fits the 7-bit field; 126 and 127 announce a 16- or 64-bit one. */
    private static final int SHORT_LENGTH = 125;
    /** A close frame's payload is at most 125 bytes, two of them the code. */
    private static final int MAX_CLOSE_REASON = 123;

    private WebSocketFrames() {}

    /** A text frame carrying {@code text} in UTF-8. */
    public static ByteBuffer text(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return frame(TEXT, payload);
    }

    /** A binary frame carrying the remaining bytes of {@code data}; {@code data} itself is left as it was. */
    public static ByteBuffer binary(ByteBuffer data) {
        ByteBuffer source = data.duplicate();
        int length = source.remaining();
        byte[] frame = new byte[headerLength(length) + length];
        int header = writeHeader(frame, BINARY, length);
        source.get(frame, header, length);
        return ByteBuffer.wrap(frame);
    }

    /** A pong answering a ping: the ping's payload sent back (section 5.5.3). */
    public static ByteBuffer pong(byte[] payload) {
        return frame(PONG, payload);
    }

    /**
     * A close frame with {@code code} and {@code reason} (section 5.5.1); the reason is cut, at a character's
     * end, to the 123 bytes a control frame leaves it. {@code code} 1005 (no status) sends an empty close frame.
     */
    public static ByteBuffer close(int code, String reason) {
        if (code == CloseCodes.NO_STATUS) return frame(CLOSE, new byte[0]);
        byte[] text = reason == null ? new byte[0] : reason.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MAX_CLOSE_REASON);
        while (length < text.length && (text[length] & 0xC0) == 0x80) length--; // not inside a character
        byte[] payload = new byte[2 + length];
        payload[0] = (byte) (code >>> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, length);
        return frame(CLOSE, payload);
    }

    private static ByteBuffer frame(int opcode, byte[] payload) {
        byte[] frame = new byte[headerLength(payload.length) + payload.length];
        int header = writeHeader(frame, opcode, payload.length);
        System.arraycopy(payload, 0, frame, header, payload.length);
        return ByteBuffer.wrap(frame);
    }

    /** The header's size for a payload of {@code length} bytes: 2, 4 or 10. */
    static int headerLength(int length) {
        if (length <= SHORT_LENGTH) return 2;
        return length <= 0xFFFF ? 4 : 10;
    }

    /** Writes a final frame's header (no mask) at the start of {@code to}; returns its length. */
    static int writeHeader(byte[] to, int opcode, int length) {
        to[0] = (byte) (FIN | opcode);
        if (length <= SHORT_LENGTH) {
            to[1] = (byte) length;
            return 2;
        }
        if (length <= 0xFFFF) {
            to[1] = 126;
            to[2] = (byte) (length >>> 8);
            to[3] = (byte) length;
            return 4;
        }
        to[1] = 127;
        long wide = length; // the 64-bit field, most significant byte first; the top bit stays 0
        for (int i = 0; i < 8; i++) to[2 + i] = (byte) (wide >>> (56 - 8 * i));
        return 10;
    }
}
