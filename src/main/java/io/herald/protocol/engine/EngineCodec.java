package io.herald.protocol.engine;

import io.herald.protocol.ProtocolException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Encodes and decodes Engine.IO packets: single WebSocket frames, and the polling payloads of protocol
 * v4 (packets joined by {@code \u001e}, binary as {@code b} + base64) and v3 (length-prefixed, lengths in
 * UTF-16 code units; binary either as {@code b4} + base64 text or the XHR2 binary payload form).
 * Stateless and thread-safe.
 */
public final class EngineCodec {
    /** v4 separates the packets of a polling payload with the ASCII record separator. */
    public static final char RECORD_SEPARATOR = '\u001e';
    private static final Base64.Encoder BASE64 = Base64.getEncoder();
    private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();
    /** Marks the end of a length in the v3 binary payload. */
    private static final int LENGTH_END = 0xff;

    private EngineCodec() {}

    /** The text of a WebSocket frame for a text packet: {@code type code + data}. */
    public static String encodeTextFrame(EnginePacket packet) {
        return packet.textFrame();
    }

    /** A WebSocket binary frame: the raw bytes in v4 (the same array), a {@code 0x04} type byte first in v3. */
    public static byte[] encodeBinaryFrame(EngineVersion version, byte[] data) {
        if (version == EngineVersion.V4) return data;
        byte[] frame = new byte[data.length + 1];
        frame[0] = 4;
        System.arraycopy(data, 0, frame, 1, data.length);
        return frame;
    }

    /**
     * Decodes a WebSocket text frame ({@code type code + data}). The {@code b} (base64 binary) form is refused
     * here; see {@link #decodeTextFrame(EngineVersion, String)} for clients that send it.
     */
    public static EnginePacket decodeTextFrame(String frame) throws ProtocolException {
        if (frame.isEmpty()) throw new ProtocolException("empty packet");
        EnginePacketType type = EnginePacketType.fromCode(frame.charAt(0));
        if (type == null) throw new ProtocolException("unknown packet type '" + frame.charAt(0) + "'");
        return EnginePacket.of(type, frame.substring(1));
    }

    /**
     * Decodes a WebSocket text frame, also accepting a binary message sent as text: clients created with
     * {@code forceBase64} (which also add {@code b64=1} to the query) send {@code b<base64>} in v4 and
     * {@code b4<base64>} in v3 over WebSocket, as the reference server accepts.
     */
    public static EnginePacket decodeTextFrame(EngineVersion version, String frame) throws ProtocolException {
        if (frame.isEmpty() || frame.charAt(0) != 'b') return decodeTextFrame(frame);
        if (version == EngineVersion.V4) return EnginePacket.binary(base64(frame, 1));
        if (frame.length() < 2 || frame.charAt(1) != '4') throw new ProtocolException("binary packet that is not a message");
        return EnginePacket.binary(base64(frame, 2));
    }

    /** A binary message as a text frame ({@code b<base64>} in v4, {@code b4<base64>} in v3), for {@code b64} clients. */
    public static String encodeBase64Frame(EngineVersion version, byte[] data) {
        return (version == EngineVersion.V4 ? "b" : "b4") + BASE64.encodeToString(data);
    }

    /** Decodes a WebSocket binary frame: always a binary MESSAGE (v3 frames must start with type byte 4). */
    public static EnginePacket decodeBinaryFrame(EngineVersion version, byte[] frame) throws ProtocolException {
        if (version == EngineVersion.V4) return EnginePacket.binary(frame);
        if (frame.length == 0 || frame[0] != 4) throw new ProtocolException("binary packet that is not a message");
        byte[] data = new byte[frame.length - 1];
        System.arraycopy(frame, 1, data, 0, data.length);
        return EnginePacket.binary(data);
    }

    /** A v4 polling payload; binary packets as {@code b<base64>}. */
    public static String encodePayloadV4(List<EnginePacket> packets) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < packets.size(); i++) {
            if (i > 0) out.append(RECORD_SEPARATOR);
            EnginePacket p = packets.get(i);
            if (p.isBinary()) {
                out.append('b').append(BASE64.encodeToString(p.binary()));
            } else {
                out.append(p.type().code()).append(p.data());
            }
        }
        return out.toString();
    }

    /** Decodes a v4 polling payload; an empty body (a POST without packets) is malformed. */
    public static List<EnginePacket> decodePayloadV4(String body) throws ProtocolException {
        if (body.isEmpty()) throw new ProtocolException("empty payload");
        List<EnginePacket> packets = new ArrayList<>();
        int start = 0;
        while (true) {
            int end = body.indexOf(RECORD_SEPARATOR, start);
            String packet = body.substring(start, end < 0 ? body.length() : end);
            packets.add(decodeTextFrame(EngineVersion.V4, packet));
            if (end < 0) return packets;
            start = end + 1;
        }
    }

    /** A v3 text polling payload ({@code <length>:<packet>}); binary packets as {@code b4<base64>}. */
    public static String encodePayloadV3Text(List<EnginePacket> packets) {
        StringBuilder out = new StringBuilder();
        for (EnginePacket p : packets) {
            String packet = p.isBinary() ? "b4" + BASE64.encodeToString(p.binary()) : encodeTextFrame(p);
            out.append(packet.length()).append(':').append(packet); // length in UTF-16 code units, as JS counts
        }
        return out.toString();
    }

    /** A v3 binary (XHR2) polling payload, used when the client did not ask for {@code b64}. */
    public static byte[] encodePayloadV3Binary(List<EnginePacket> packets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (EnginePacket p : packets) {
            byte[] data;
            if (p.isBinary()) {
                data = encodeBinaryFrame(EngineVersion.V3, p.binary());
                out.write(1);
            } else {
                data = encodeTextFrame(p).getBytes(StandardCharsets.UTF_8);
                out.write(0);
            }
            String length = Integer.toString(data.length);
            for (int i = 0; i < length.length(); i++) out.write(length.charAt(i) - '0');
            out.write(LENGTH_END);
            out.writeBytes(data);
        }
        return out.toByteArray();
    }

    /**
     * Decodes a v3 text polling payload. Stricter than engine.io-parser 2.x in one way: a zero-length packet
     * ({@code 0:}, which that parser skips) is refused, as clients never send one.
     */
    public static List<EnginePacket> decodePayloadV3(String body) throws ProtocolException {
        if (body.isEmpty()) throw new ProtocolException("empty payload");
        List<EnginePacket> packets = new ArrayList<>();
        int pos = 0;
        while (pos < body.length()) {
            int colon = body.indexOf(':', pos);
            if (colon <= pos || colon - pos > 10) throw new ProtocolException("bad length prefix in payload");
            int length = parseLength(body, pos, colon);
            int start = colon + 1;
            if (length == 0 || length > body.length() - start) throw new ProtocolException("packet length out of range");
            packets.add(decodeTextFrame(EngineVersion.V3, body.substring(start, start + length)));
            pos = start + length;
        }
        return packets;
    }

    /** Decodes a v3 binary (XHR2, {@code application/octet-stream}) polling payload. */
    public static List<EnginePacket> decodePayloadV3(byte[] body) throws ProtocolException {
        if (body.length == 0) throw new ProtocolException("empty payload");
        List<EnginePacket> packets = new ArrayList<>();
        int pos = 0;
        while (pos < body.length) {
            int kind = body[pos++] & 0xff;
            if (kind != 0 && kind != 1) throw new ProtocolException("bad packet kind in binary payload");
            long length = 0;
            int digits = 0;
            while (true) {
                if (pos >= body.length) throw new ProtocolException("truncated length in binary payload");
                int b = body[pos++] & 0xff;
                if (b == LENGTH_END) break;
                if (b > 9 || ++digits > 10) throw new ProtocolException("bad length in binary payload");
                length = length * 10 + b;
            }
            if (digits == 0 || length == 0 || pos + length > body.length) {
                throw new ProtocolException("packet length out of range");
            }
            int end = pos + (int) length;
            if (kind == 0) {
                packets.add(decodeTextFrame(EngineVersion.V3, utf8(body, pos, end - pos)));
            } else {
                byte[] frame = new byte[end - pos];
                System.arraycopy(body, pos, frame, 0, frame.length);
                packets.add(decodeBinaryFrame(EngineVersion.V3, frame));
            }
            pos = end;
        }
        return packets;
    }

    private static int parseLength(String body, int from, int to) throws ProtocolException {
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = body.charAt(i);
            if (c < '0' || c > '9') throw new ProtocolException("bad length prefix in payload");
            value = value * 10 + (c - '0');
        }
        if (value > Integer.MAX_VALUE) throw new ProtocolException("packet length out of range");
        return (int) value;
    }

    /** Strict UTF-8: a malformed sequence is a malformed packet, not a silent U+FFFD. */
    private static String utf8(byte[] bytes, int offset, int length) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("invalid UTF-8 in binary payload");
        }
    }

    private static byte[] base64(String packet, int from) throws ProtocolException {
        try {
            return BASE64_DECODER.decode(packet.substring(from));
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("bad base64 in binary packet");
        }
    }
}
