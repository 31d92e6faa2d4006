package io.herald.protocol.msgpack;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Writes MessagePack as socket.io's Redis adapter (notepack) writes it, so that Herald nodes and socket.io
 * nodes and emitters read each other's messages: integers in their smallest format, other numbers as
 * float64, strings as UTF-8 str, {@code byte[]} as bin, maps with string keys. Other values the JSON writer
 * accepts (records, enums, {@code RawJson}, primitive arrays) are written as the JSON value they stand for.
 */
public final class MsgpackWriter {
    private static final int MAX_DEPTH = 512;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

    private MsgpackWriter() {}

    /** Encodes one value; throws IllegalArgumentException for a type that has no MessagePack form. */
    public static byte[] write(Object value) {
        MsgpackWriter writer = new MsgpackWriter();
        writer.value(value, 0);
        return writer.out.toByteArray();
    }

    private void value(Object value, int depth) {
        if (depth > MAX_DEPTH) throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels");
        if (value == null) {
            out.write(0xc0);
        } else if (value instanceof Boolean b) {
            out.write(b ? 0xc3 : 0xc2);
        } else if (value instanceof String s) {
            string(s);
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            integer(((Number) value).longValue());
        } else if (value instanceof Double || value instanceof Float) {
            float64(((Number) value).doubleValue());
        } else if (value instanceof BigInteger big && big.bitLength() < 64) {
            integer(big.longValue());
        } else if (value instanceof byte[] bytes) {
            binary(bytes);
        } else if (value instanceof Map<?, ?> map) {
            header(map.size(), 0x80, 0xde, 0xdf, 16);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                string(String.valueOf(e.getKey()));
                value(e.getValue(), depth + 1);
            }
        } else if (value instanceof List<?> list) {
            header(list.size(), 0x90, 0xdc, 0xdd, 16);
            for (Object item : list) value(item, depth + 1);
        } else if (value instanceof Object[] array) {
            header(array.length, 0x90, 0xdc, 0xdd, 16);
            for (Object item : array) value(item, depth + 1);
        } else {
            value(asJsonValue(value), depth + 1);
        }
    }

    /** What the JSON writer makes of a value, read back as plain maps, lists, strings and numbers. */
    private static Object asJsonValue(Object value) {
        try {
            return Json.parse(Json.write(value));
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName(), e);
        }
    }

    private void integer(long v) {
        if (v >= 0) {
            if (v < 128) out.write((int) v);
            else if (v < 1L << 8) { out.write(0xcc); be(v, 1); }
            else if (v < 1L << 16) { out.write(0xcd); be(v, 2); }
            else if (v < 1L << 32) { out.write(0xce); be(v, 4); }
            else { out.write(0xcf); be(v, 8); }
        } else {
            if (v >= -32) out.write((int) (v & 0xff));
            else if (v >= Byte.MIN_VALUE) { out.write(0xd0); be(v, 1); }
            else if (v >= Short.MIN_VALUE) { out.write(0xd1); be(v, 2); }
            else if (v >= Integer.MIN_VALUE) { out.write(0xd2); be(v, 4); }
            else { out.write(0xd3); be(v, 8); }
        }
    }

    private void float64(double v) {
        // notepack writes whole numbers in the safe range as integers; do the same so both sides read one form
        if (v == Math.rint(v) && Math.abs(v) < 0x1p53 && !(v == 0 && 1 / v < 0)) {
            integer((long) v);
            return;
        }
        out.write(0xcb);
        be(Double.doubleToRawLongBits(v), 8);
    }

    private void string(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        if (utf8.length < 32) out.write(0xa0 | utf8.length);
        else if (utf8.length < 1 << 8) { out.write(0xd9); be(utf8.length, 1); }
        else if (utf8.length < 1 << 16) { out.write(0xda); be(utf8.length, 2); }
        else { out.write(0xdb); be(utf8.length, 4); }
        out.writeBytes(utf8);
    }

    private void binary(byte[] bytes) {
        if (bytes.length < 1 << 8) { out.write(0xc4); be(bytes.length, 1); }
        else if (bytes.length < 1 << 16) { out.write(0xc5); be(bytes.length, 2); }
        else { out.write(0xc6); be(bytes.length, 4); }
        out.writeBytes(bytes);
    }

    /** A map or array header: the fix form below {@code fixLimit}, else the 16- or 32-bit length form. */
    private void header(int size, int fix, int code16, int code32, int fixLimit) {
        if (size < fixLimit) out.write(fix | size);
        else if (size < 1 << 16) { out.write(code16); be(size, 2); }
        else { out.write(code32); be(size, 4); }
    }

    private void be(long v, int bytes) {
        for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.write((int) (v >>> shift) & 0xff);
    }
}
