package io.herald.protocol.socket;

import io.herald.protocol.ProtocolException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary attachments: takes {@code byte[]} out of packet data (leaving placeholders) and puts them back.
 * socket.io numbers the placeholders depth-first, in the order the values appear.
 *
 * <p>Outgoing data is walked the way the JSON writer walks it (maps, iterables, object arrays, records), so a
 * {@code byte[]} anywhere the writer would reach becomes an attachment instead of an error.
 */
final class Attachments {
    static final String PLACEHOLDER = "_placeholder";
    static final String NUM = "num";
    /** Deeper than this is almost surely a cycle; the JSON writer uses the same bound. */
    private static final int MAX_DEPTH = 512;

    private static final ClassValue<Method[]> RECORD_ACCESSORS = new ClassValue<>() {
        @Override
        protected Method[] computeValue(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Method[] accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                accessors[i] = components[i].getAccessor();
                accessors[i].trySetAccessible();
            }
            return accessors;
        }
    };

    private Attachments() {}

    static boolean containsBinary(Object value) {
        return containsBinary(value, 0);
    }

    private static boolean containsBinary(Object value, int depth) {
        if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
            return false; // the common leaves, decided without further instanceof checks
        }
        if (value instanceof byte[]) return true;
        if (value instanceof Map<?, ?> m) {
            for (Object o : m.values()) if (containsBinary(o, enter(depth))) return true;
        } else if (value instanceof Iterable<?> it) {
            for (Object o : it) if (containsBinary(o, enter(depth))) return true;
        } else if (value instanceof Object[] array) {
            for (Object o : array) if (containsBinary(o, enter(depth))) return true;
        } else if (value instanceof Record record) {
            for (Method accessor : RECORD_ACCESSORS.get(record.getClass())) {
                if (containsBinary(read(record, accessor), enter(depth))) return true;
            }
        }
        return false;
    }

    /** A copy of {@code value} with every {@code byte[]} moved to {@code out} and replaced by a placeholder. */
    static Object extract(Object value, List<byte[]> out) {
        return extract(value, out, 0);
    }

    private static Object extract(Object value, List<byte[]> out, int depth) {
        if (value instanceof byte[] bytes) {
            Map<String, Object> placeholder = new LinkedHashMap<>(4);
            placeholder.put(PLACEHOLDER, true);
            placeholder.put(NUM, out.size());
            out.add(bytes);
            return placeholder;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) copy.put(e.getKey(), extract(e.getValue(), out, enter(depth)));
            return copy;
        }
        if (value instanceof Iterable<?> it) {
            List<Object> copy = new ArrayList<>();
            for (Object o : it) copy.add(extract(o, out, enter(depth)));
            return copy;
        }
        if (value instanceof Object[] array) {
            List<Object> copy = new ArrayList<>(array.length);
            for (Object o : array) copy.add(extract(o, out, enter(depth)));
            return copy;
        }
        if (value instanceof Record record && containsBinary(record, depth)) {
            // Becomes the object the JSON writer would have written, components in declaration order.
            Map<String, Object> copy = new LinkedHashMap<>();
            for (Method accessor : RECORD_ACCESSORS.get(record.getClass())) {
                copy.put(accessor.getName(), extract(read(record, accessor), out, enter(depth)));
            }
            return copy;
        }
        return value;
    }

    private static int enter(int depth) {
        if (depth >= MAX_DEPTH) {
            throw new IllegalArgumentException("value nested deeper than " + MAX_DEPTH + " levels (a cycle?)");
        }
        return depth + 1;
    }

    private static Object read(Record record, Method accessor) {
        try {
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot read " + accessor, e);
        }
    }

    /**
     * Checks that the placeholders in decoded data are exactly {@code 0 .. count-1}, each once: a packet that
     * announces one number of attachments and references another is malformed. As in socket.io-parser, any
     * object with {@code "_placeholder": true} is a placeholder and needs a valid {@code num}.
     */
    static void validate(Object data, int count) throws ProtocolException {
        BitSet seen = new BitSet(count);
        int found = collect(data, count, seen);
        if (found != count) {
            throw new ProtocolException("binary packet announces " + count + " attachments but references " + found);
        }
    }

    private static int collect(Object value, int count, BitSet seen) throws ProtocolException {
        if (value instanceof List<?> list) {
            int n = 0;
            for (Object o : list) n += collect(o, count, seen);
            return n;
        }
        if (value instanceof Map<?, ?> map) {
            if (isPlaceholder(map)) {
                Object num = map.get(NUM);
                if (!(num instanceof Long index) || index < 0 || index >= count || seen.get(index.intValue())) {
                    throw new ProtocolException("invalid attachment placeholder " + num);
                }
                seen.set(index.intValue());
                return 1;
            }
            int n = 0;
            for (Object o : map.values()) n += collect(o, count, seen);
            return n;
        }
        return 0;
    }

    /** Replaces the (validated) placeholders in decoded, mutable data by the attachments, in place. */
    @SuppressWarnings("unchecked")
    static Object insert(Object value, List<byte[]> attachments) {
        if (value instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) l.set(i, insert(l.get(i), attachments));
            return l;
        }
        if (value instanceof Map<?, ?> map) {
            if (isPlaceholder(map)) return attachments.get(((Long) map.get(NUM)).intValue());
            Map<String, Object> m = (Map<String, Object>) map;
            m.replaceAll((k, v) -> insert(v, attachments));
            return m;
        }
        return value;
    }

    private static boolean isPlaceholder(Map<?, ?> map) {
        return Boolean.TRUE.equals(map.get(PLACEHOLDER));
    }
}
