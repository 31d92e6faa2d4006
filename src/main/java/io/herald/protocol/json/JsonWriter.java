package io.herald.protocol.json;

import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.Map;

/** Serialises plain Java values the way JavaScript's {@code JSON.stringify} would. */
final class JsonWriter {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JsonWriter() {}

    static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof RawJson raw) {
            out.append(raw.json());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Number n) {
            writeNumber(n, out);
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out);
        } else if (value instanceof Iterable<?> iterable) {
            writeIterable(iterable.iterator(), out);
        } else if (value instanceof CharSequence cs) {
            writeString(cs.toString(), out);
        } else if (value instanceof Character c) {
            writeString(c.toString(), out);
        } else if (value instanceof Enum<?> e) {
            writeString(e.name(), out);
        } else if (value instanceof byte[]) {
            throw new IllegalArgumentException("binary data must be sent as an attachment, not inside JSON");
        } else if (value.getClass().isArray()) {
            writeArray(value, out);
        } else if (value instanceof Record record) {
            writeRecord(record, out);
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static void writeNumber(Number n, StringBuilder out) {
        if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("null"); // as JSON.stringify does
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                out.append((long) d); // JavaScript prints 1.0 as 1
            } else {
                out.append(d);
            }
        } else {
            out.append(n.toString());
        }
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) out.append(',');
            first = false;
            writeString(String.valueOf(e.getKey()), out);
            out.append(':');
            write(e.getValue(), out);
        }
        out.append('}');
    }

    private static void writeIterable(Iterator<?> it, StringBuilder out) {
        out.append('[');
        boolean first = true;
        while (it.hasNext()) {
            if (!first) out.append(',');
            first = false;
            write(it.next(), out);
        }
        out.append(']');
    }

    private static void writeArray(Object array, StringBuilder out) {
        out.append('[');
        int length = Array.getLength(array);
        for (int i = 0; i < length; i++) {
            if (i > 0) out.append(',');
            write(Array.get(array, i), out);
        }
        out.append(']');
    }

    private static void writeRecord(Record record, StringBuilder out) {
        out.append('{');
        RecordComponent[] components = record.getClass().getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) out.append(',');
            writeString(components[i].getName(), out);
            out.append(':');
            try {
                components[i].getAccessor().setAccessible(true);
                write(components[i].getAccessor().invoke(record), out);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot read " + components[i], e);
            }
        }
        out.append('}');
    }

    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int runStart = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            String escape = null;
            if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c < 0x20) {
                escape = switch (c) {
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\t' -> "\\t";
                    default -> unicodeEscape(c);
                };
            } else if (Character.isSurrogate(c) && !pairedSurrogate(s, i)) {
                escape = unicodeEscape(c); // a lone surrogate, escaped like modern JSON.stringify
            } else if (Character.isHighSurrogate(c)) {
                i++; // keep the pair together in the run
                continue;
            }
            if (escape != null) {
                out.append(s, runStart, i).append(escape);
                runStart = i + 1;
            }
        }
        out.append(s, runStart, length).append('"');
    }

    private static boolean pairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1)); // a low surrogate reached alone
    }

    private static String unicodeEscape(char c) {
        return "\\u" + HEX[c >> 12 & 0xf] + HEX[c >> 8 & 0xf] + HEX[c >> 4 & 0xf] + HEX[c & 0xf];
    }
}
