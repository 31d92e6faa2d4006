package io.herald.protocol.json;

import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Serialises plain Java values the way JavaScript's {@code JSON.stringify} would. */
final class JsonWriter {
    /** Deeper than this is almost surely a cycle; fail with a clear message instead of a StackOverflowError. */
    static final int MAX_DEPTH = 512;
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    /** For ASCII: the escape to write, or null when the character goes out as is. */
    private static final String[] ASCII_ESCAPES = new String[128];

    static {
        for (char c = 0; c < 0x20; c++) ASCII_ESCAPES[c] = unicodeEscape(c);
        ASCII_ESCAPES['\b'] = "\\b";
        ASCII_ESCAPES['\f'] = "\\f";
        ASCII_ESCAPES['\n'] = "\\n";
        ASCII_ESCAPES['\r'] = "\\r";
        ASCII_ESCAPES['\t'] = "\\t";
        ASCII_ESCAPES['"'] = "\\\"";
        ASCII_ESCAPES['\\'] = "\\\\";
    }

    /** Record accessors, looked up once per record class rather than on every write. */
    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].trySetAccessible(); // for records nested privately; public ones work without
            }
            return accessors;
        }
    };

    private JsonWriter() {}

    static void write(Object value, StringBuilder out) {
        write(value, out, 0);
    }

    private static void write(Object value, StringBuilder out, int depth) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            writeString(s, out);
        } else if (value instanceof Number n) {
            writeNumber(n, out);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof RawJson raw) {
            out.append(raw.json());
        } else if (value instanceof Map<?, ?> map) {
            writeMap(map, out, enter(depth));
        } else if (value instanceof Iterable<?> iterable) {
            writeIterable(iterable.iterator(), out, enter(depth));
        } else if (value instanceof CharSequence cs) {
            writeString(cs.toString(), out);
        } else if (value instanceof Character c) {
            writeString(c.toString(), out);
        } else if (value instanceof Enum<?> e) {
            writeString(e.name(), out);
        } else if (value instanceof byte[]) {
            throw new IllegalArgumentException("binary data must be sent as an attachment, not inside JSON");
        } else if (value instanceof Object[] array) {
            writeObjects(array, out, enter(depth));
        } else if (value.getClass().isArray()) {
            writePrimitives(value, out);
        } else if (value instanceof Record record) {
            writeRecord(record, out, enter(depth));
        } else {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON");
        }
    }

    private static int enter(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        return depth + 1;
    }

    private static void writeNumber(Number n, StringBuilder out) {
        if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
            out.append(n.longValue());
        } else if (n instanceof Double || n instanceof Float) {
            double d = n.doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                out.append("null"); // as JSON.stringify does
            } else if (n instanceof Float f) {
                JsNumbers.appendFloat(f, out);
            } else {
                JsNumbers.appendDouble(d, out);
            }
        } else if (n instanceof BigInteger || n instanceof BigDecimal || n instanceof AtomicInteger
                || n instanceof AtomicLong) {
            out.append(n); // exact, and their toString is valid JSON
        } else {
            writeNumber(n.doubleValue(), out); // an unknown Number: its toString need not be JSON
        }
    }

    private static void writeMap(Map<?, ?> map, StringBuilder out, int depth) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) out.append(',');
            first = false;
            Object key = e.getKey();
            writeString(key instanceof String s ? s : String.valueOf(key), out);
            out.append(':');
            write(e.getValue(), out, depth);
        }
        out.append('}');
    }

    private static void writeIterable(Iterator<?> it, StringBuilder out, int depth) {
        out.append('[');
        boolean first = true;
        while (it.hasNext()) {
            if (!first) out.append(',');
            first = false;
            write(it.next(), out, depth);
        }
        out.append(']');
    }

    private static void writeObjects(Object[] array, StringBuilder out, int depth) {
        out.append('[');
        for (int i = 0; i < array.length; i++) {
            if (i > 0) out.append(',');
            write(array[i], out, depth);
        }
        out.append(']');
    }

    /** Arrays of primitives; the common numeric ones without boxing each element. */
    private static void writePrimitives(Object array, StringBuilder out) {
        out.append('[');
        if (array instanceof int[] a) {
            for (int i = 0; i < a.length; i++) (i > 0 ? out.append(',') : out).append(a[i]);
        } else if (array instanceof long[] a) {
            for (int i = 0; i < a.length; i++) (i > 0 ? out.append(',') : out).append(a[i]);
        } else if (array instanceof double[] a) {
            for (int i = 0; i < a.length; i++) {
                if (i > 0) out.append(',');
                writeNumber(a[i], out);
            }
        } else {
            int length = Array.getLength(array);
            for (int i = 0; i < length; i++) {
                if (i > 0) out.append(',');
                write(Array.get(array, i), out, 0); // boxed primitives: no nesting
            }
        }
        out.append(']');
    }

    private static void writeRecord(Record record, StringBuilder out, int depth) {
        Method[] accessors = RECORD_ACCESSORS.get(record.getClass());
        out.append('{');
        for (int i = 0; i < accessors.length; i++) {
            if (i > 0) out.append(',');
            writeString(accessors[i].getName(), out);
            out.append(':');
            Object component;
            try {
                component = accessors[i].invoke(record);
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException("cannot read " + accessors[i], e);
            }
            write(component, out, depth);
        }
        out.append('}');
    }

    /**
     * Escapes as JSON.stringify does: {@code "}, {@code \}, control characters and lone surrogates; the rest
     * (non-ASCII included) stays raw. Runs that need no escaping are copied in one append.
     */
    static void writeString(String s, StringBuilder out) {
        out.append('"');
        int runStart = 0;
        int length = s.length();
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            String escape;
            if (c < 128) {
                escape = ASCII_ESCAPES[c];
                if (escape == null) continue;
            } else if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                continue;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++; // a proper pair stays in the run
                continue;
            } else {
                escape = unicodeEscape(c); // a lone surrogate: a low one here is never preceded by its high half
            }
            out.append(s, runStart, i).append(escape);
            runStart = i + 1;
        }
        out.append(s, runStart, length).append('"');
    }

    private static String unicodeEscape(char c) {
        return new String(new char[] {'\\', 'u', HEX[c >> 12 & 0xf], HEX[c >> 8 & 0xf], HEX[c >> 4 & 0xf], HEX[c & 0xf]});
    }
}
