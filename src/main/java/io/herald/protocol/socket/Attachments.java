package io.herald.protocol.socket;

import io.herald.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary attachments: takes {@code byte[]} out of packet data (leaving placeholders) and puts them back.
 * socket.io numbers the placeholders depth-first, in the order the values appear.
 */
final class Attachments {
    static final String PLACEHOLDER = "_placeholder";
    static final String NUM = "num";

    private Attachments() {}

    static boolean containsBinary(Object value) {
        if (value instanceof byte[]) return true;
        if (value instanceof Collection<?> c) {
            for (Object o : c) if (containsBinary(o)) return true;
        } else if (value instanceof Map<?, ?> m) {
            for (Object o : m.values()) if (containsBinary(o)) return true;
        } else if (value instanceof Object[] array) {
            for (Object o : array) if (containsBinary(o)) return true;
        }
        return false;
    }

    /** A copy of {@code value} with every {@code byte[]} moved to {@code out} and replaced by a placeholder. */
    static Object extract(Object value, List<byte[]> out) {
        if (value instanceof byte[] bytes) {
            Map<String, Object> placeholder = new LinkedHashMap<>();
            placeholder.put(PLACEHOLDER, true);
            placeholder.put(NUM, out.size());
            out.add(bytes);
            return placeholder;
        }
        if (value instanceof Collection<?> c) {
            List<Object> copy = new ArrayList<>(c.size());
            for (Object o : c) copy.add(extract(o, out));
            return copy;
        }
        if (value instanceof Object[] array) {
            List<Object> copy = new ArrayList<>(array.length);
            for (Object o : array) copy.add(extract(o, out));
            return copy;
        }
        if (value instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) copy.put(e.getKey(), extract(e.getValue(), out));
            return copy;
        }
        return value;
    }

    /**
     * Checks that the placeholders in decoded data are exactly {@code 0 .. count-1}, each once: a packet that
     * announces one number of attachments and references another is malformed.
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
                long num = ((Number) map.get(NUM)).longValue();
                if (num < 0 || num >= count || seen.get((int) num)) {
                    throw new ProtocolException("invalid attachment placeholder " + num);
                }
                seen.set((int) num);
                return 1;
            }
            int n = 0;
            for (Object o : map.values()) n += collect(o, count, seen);
            return n;
        }
        return 0;
    }

    /** Replaces placeholders in decoded (mutable) data by the attachments, in place. */
    @SuppressWarnings("unchecked")
    static Object insert(Object value, List<byte[]> attachments) {
        if (value instanceof List<?> list) {
            List<Object> l = (List<Object>) list;
            for (int i = 0; i < l.size(); i++) l.set(i, insert(l.get(i), attachments));
            return l;
        }
        if (value instanceof Map<?, ?> map) {
            if (isPlaceholder(map)) return attachments.get(((Number) map.get(NUM)).intValue());
            Map<String, Object> m = (Map<String, Object>) map;
            m.replaceAll((k, v) -> insert(v, attachments));
            return m;
        }
        return value;
    }

    private static boolean isPlaceholder(Map<?, ?> map) {
        return Boolean.TRUE.equals(map.get(PLACEHOLDER)) && map.get(NUM) instanceof Long;
    }
}
