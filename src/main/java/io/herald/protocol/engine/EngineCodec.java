package io.herald.protocol.engine;

import io.herald.protocol.ProtocolException;
import java.util.List;

/**
 * Encodes and decodes Engine.IO packets: single WebSocket frames, and the polling payloads of protocol
 * v4 (packets joined by {@code \u001e}, binary as {@code b} + base64) and v3 (length-prefixed, lengths in
 * UTF-16 code units; binary either as {@code b4} + base64 text or the XHR2 binary payload form).
 * Stateless and thread-safe.
 */
public final class EngineCodec {
    private EngineCodec() {}

    /** The text of a WebSocket frame for a text packet: {@code type code + data}. */
    public static String encodeTextFrame(EnginePacket packet) {
        throw new UnsupportedOperationException();
    }

    /** A WebSocket binary frame: the raw bytes in v4, a {@code 0x04} type byte first in v3. */
    public static byte[] encodeBinaryFrame(EngineVersion version, byte[] data) {
        throw new UnsupportedOperationException();
    }

    public static EnginePacket decodeTextFrame(String frame) throws ProtocolException {
        throw new UnsupportedOperationException();
    }

    public static EnginePacket decodeBinaryFrame(EngineVersion version, byte[] frame) throws ProtocolException {
        throw new UnsupportedOperationException();
    }

    /** A v4 polling payload; binary packets as {@code b<base64>}. */
    public static String encodePayloadV4(List<EnginePacket> packets) {
        throw new UnsupportedOperationException();
    }

    public static List<EnginePacket> decodePayloadV4(String body) throws ProtocolException {
        throw new UnsupportedOperationException();
    }

    /** A v3 text polling payload ({@code <length>:<packet>}); binary packets as {@code b4<base64>}. */
    public static String encodePayloadV3Text(List<EnginePacket> packets) {
        throw new UnsupportedOperationException();
    }

    /** A v3 binary (XHR2) polling payload, used when the client did not ask for {@code b64}. */
    public static byte[] encodePayloadV3Binary(List<EnginePacket> packets) {
        throw new UnsupportedOperationException();
    }

    public static List<EnginePacket> decodePayloadV3(String body) throws ProtocolException {
        throw new UnsupportedOperationException();
    }

    public static List<EnginePacket> decodePayloadV3(byte[] body) throws ProtocolException {
        throw new UnsupportedOperationException();
    }
}
