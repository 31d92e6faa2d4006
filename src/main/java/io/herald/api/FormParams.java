package io.herald.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses {@code application/x-www-form-urlencoded} text the way the Node proxy's query parser did, so that
 * PHP's {@code http_build_query} output arrives as it was built: {@code a[b]=1} is an object,
 * {@code id[]=x&id[]=y} and {@code id[0]=x&id[1]=y} are arrays, a repeated {@code a=1&a=2} is an array.
 */
final class FormParams {
    private static final int MAX_DEPTH = 5;

    private FormParams() {}

    static Map<String, Object> parse(String text) {
        Map<String, Object> root = new LinkedHashMap<>();
        if (text == null || text.isEmpty()) return root;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            put(root, path(name), value);
        }
        return listsFromIndexes(root);
    }

    /** {@code a[b][]} → {@code [a, b, ""]}; a malformed bracket leaves the rest of the name as one key. */
    private static List<String> path(String name) {
        List<String> path = new ArrayList<>();
        int open = name.indexOf('[');
        if (open <= 0) {
            path.add(name);
            return path;
        }
        path.add(name.substring(0, open));
        int pos = open;
        while (pos < name.length() && name.charAt(pos) == '[' && path.size() <= MAX_DEPTH) {
            int close = name.indexOf(']', pos);
            if (close < 0) break;
            path.add(name.substring(pos + 1, close));
            pos = close + 1;
        }
        return path;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> root, List<String> path, String value) {
        Map<String, Object> node = root;
        for (int i = 0; i < path.size() - 1; i++) {
            String segment = path.get(i);
            Object child = node.get(segment);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            }
            node = (Map<String, Object>) child;
        }
        String last = path.get(path.size() - 1);
        if (last.isEmpty()) last = Integer.toString(node.size()); // a[] appends
        Object existing = node.get(last);
        if (existing == null) {
            node.put(last, value);
        } else if (existing instanceof List<?> list) {
            ((List<Object>) list).add(value);
        } else if (existing instanceof String first) {
            node.put(last, new ArrayList<>(List.of(first, value)));
        }
    }

    /** Objects whose keys are exactly 0, 1, 2, … become arrays, recursively. */
    private static Map<String, Object> listsFromIndexes(Map<String, Object> map) {
        map.replaceAll((k, v) -> convert(v));
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Object convert(Object value) {
        if (!(value instanceof Map<?, ?> raw)) return value;
        Map<String, Object> map = listsFromIndexes((Map<String, Object>) raw);
        int i = 0;
        for (String key : map.keySet()) {
            if (!key.equals(Integer.toString(i++))) return map;
        }
        return new ArrayList<>(map.values());
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
