package io.herald.protocol.msgpack;

import io.herald.protocol.ProtocolException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads MessagePack into the same plain values as the JSON reader: {@code Map<String,Object>}, {@code List},
 * {@code String}, {@code Long} (integers that fit), {@code Double}, {@code Boolean}, {@code null}, plus
 * {@code byte[]} for bin. Extension values (notepack's {@code undefined}, dates) read as {@code null}. Every
 * length is checked against the input, so a truncated or hostile message throws instead of allocating.
 */
public final class MsgpackReader {
    private static final int MAX_DEPTH = 128;

    private final byte[] in;
    private int pos;

    private MsgpackReader(byte[] in) {
        this.in = in;
    }

    /** Decodes one value that must fill the whole input. */
    public static Object read(byte[] input) throws ProtocolException {
        MsgpackReader reader = new MsgpackReader(input);
        Object value = reader.value(0);
        if (reader.pos != input.length) throw new ProtocolException("trailing bytes after MessagePack value at " + reader.pos);
        return value;
    }

    private Object value(int depth) throws ProtocolException {
        if (depth > MAX_DEPTH) throw new ProtocolException("MessagePack nested deeper than " + MAX_DEPTH);
        int b = u8();
        if (b <= 0x7f) return (long) b;
        if (b >= 0xe0) return (long) (byte) b;
        if ((b & 0xf0) == 0x80) return map(b & 0x0f, depth);
        if ((b & 0xf0) == 0x90) return array(b & 0x0f, depth);
        if ((b & 0xe0) == 0xa0) return string(b & 0x1f);
        return switch (b) {
            case 0xc0 -> null;
            case 0xc2 -> Boolean.FALSE;
            case 0xc3 -> Boolean.TRUE;
            case 0xc4 -> bytes(u8());
            case 0xc5 -> bytes(u16());
            case 0xc6 -> bytes(u32());
            case 0xc7 -> extension(u8());
            case 0xc8 -> extension(u16());
            case 0xc9 -> extension(u32());
            case 0xca -> (double) Float.intBitsToFloat((int) be(4));
            case 0xcb -> Double.longBitsToDouble(be(8));
            case 0xcc -> (long) u8();
            case 0xcd -> (long) u16();
            case 0xce -> be(4);
            case 0xcf -> unsigned64(be(8));
            case 0xd0 -> (long) (byte) be(1);
            case 0xd1 -> (long) (short) be(2);
            case 0xd2 -> (long) (int) be(4);
            case 0xd3 -> be(8);
            case 0xd4 -> extension(1);
            case 0xd5 -> extension(2);
            case 0xd6 -> extension(4);
            case 0xd7 -> extension(8);
            case 0xd8 -> extension(16);
            case 0xd9 -> string(u8());
            case 0xda -> string(u16());
            case 0xdb -> string(u32());
            case 0xdc -> array(u16(), depth);
            case 0xdd -> array(u32(), depth);
            case 0xde -> map(u16(), depth);
            case 0xdf -> map(u32(), depth);
            default -> throw new ProtocolException("unknown MessagePack type 0x" + Integer.toHexString(b) + " at " + (pos - 1));
        };
    }

    private static Object unsigned64(long v) {
        return v >= 0 ? (Object) v : (Object) Double.parseDouble(Long.toUnsignedString(v)); // past 2^63: as JavaScript would
    }

    private Map<String, Object> map(int size, int depth) throws ProtocolException {
        need(size * 2); // every entry takes at least two bytes
        Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            Object key = value(depth + 1);
            if (!(key instanceof String || key instanceof Long || key instanceof Double)) {
                throw new ProtocolException("a MessagePack map key must be a string or number");
            }
            map.put(String.valueOf(key), value(depth + 1));
        }
        return map;
    }

    private List<Object> array(int size, int depth) throws ProtocolException {
        need(size); // every element takes at least one byte
        List<Object> list = new ArrayList<>(size);
        for (int i = 0; i < size; i++) list.add(value(depth + 1));
        return list;
    }

    private String string(int length) throws ProtocolException {
        need(length);
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(in, pos, length)).toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw new ProtocolException("invalid UTF-8 in a MessagePack string at " + pos);
        }
    }

    private byte[] bytes(int length) throws ProtocolException {
        need(length);
        byte[] bytes = new byte[length];
        System.arraycopy(in, pos, bytes, 0, length);
        pos += length;
        return bytes;
    }

    /** Skips an extension's type byte and data; JavaScript encoders use them for undefined and dates. */
    private Object extension(int length) throws ProtocolException {
        need(1 + length);
        pos += 1 + length;
        return null;
    }

    private int u8() throws ProtocolException {
        need(1);
        return in[pos++] & 0xff;
    }

    private int u16() throws ProtocolException {
        return (int) be(2);
    }

    private int u32() throws ProtocolException {
        long v = be(4) & 0xffffffffL;
        if (v > Integer.MAX_VALUE) throw new ProtocolException("MessagePack length " + v + " is too large");
        return (int) v;
    }

    private long be(int bytes) throws ProtocolException {
        need(bytes);
        long v = 0;
        for (int i = 0; i < bytes; i++) v = (v << 8) | (in[pos++] & 0xff);
        if (bytes == 4) return v & 0xffffffffL;
        return v;
    }

    private void need(long bytes) throws ProtocolException {
        if (bytes < 0 || pos + bytes > in.length) throw new ProtocolException("MessagePack input ends early at " + pos);
    }
}
