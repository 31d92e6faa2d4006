package io.herald.docs;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A text rendering of a settings object by value, down through records, collections, arrays and Herald's own
 * classes, so that two configurations can be compared whether or not their classes define equals.
 */
final class Fingerprint {
    private static final int DEPTH = 12;

    private Fingerprint() {
    }

    static String of(Object value) {
        return render(value, 0);
    }

    private static String render(Object value, int depth) {
        if (depth > DEPTH) throw new IllegalStateException("settings nest deeper than " + DEPTH + ": a cycle?");
        if (value == null) return "null";
        Class<?> type = value.getClass();
        if (type.isArray()) {
            StringBuilder s = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(value); i++) s.append(render(Array.get(value, i), depth + 1)).append(',');
            return s.append(']').toString();
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> render(e.getKey(), depth + 1) + "=" + render(e.getValue(), depth + 1))
                    .sorted().collect(Collectors.joining(",", "{", "}"));
        }
        if (value instanceof Iterable<?> items) {
            return StreamSupport.stream(items.spliterator(), false).map(v -> render(v, depth + 1))
                    .collect(Collectors.joining(",", "[", "]"));
        }
        if (type.isRecord()) {
            StringBuilder s = new StringBuilder(type.getSimpleName()).append('(');
            for (RecordComponent c : type.getRecordComponents()) {
                try {
                    s.append(c.getName()).append('=').append(render(c.getAccessor().invoke(value), depth + 1)).append(' ');
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
            return s.append(')').toString();
        }
        if (type.getName().startsWith("io.herald.") && !type.isEnum()) {
            StringBuilder s = new StringBuilder(type.getSimpleName()).append('{');
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) continue;
                    try {
                        f.setAccessible(true);
                        s.append(f.getName()).append('=').append(render(f.get(value), depth + 1)).append(' ');
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        throw new IllegalStateException("cannot read " + f, e);
                    }
                }
            }
            return s.append('}').toString();
        }
        return type.getSimpleName() + ":" + value;
    }
}
