package io.herald.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One instance of each name that every connection would otherwise keep a copy of (header names, an app's
 * room names). Bounded, since some of the keys come from clients: past the limit names are made afresh.
 */
public final class SharedNames {
    private final int max;
    private final Map<String, String> names = new ConcurrentHashMap<>();

    public SharedNames(int max) {
        this.max = max;
    }

    /** The shared name for {@code key}, made by {@code make} the first time. */
    public String get(String key, Function<String, String> make) {
        String known = names.get(key);
        if (known != null) return known;
        String made = make.apply(key);
        if (names.size() >= max) return made;
        known = names.putIfAbsent(key, made);
        return known == null ? made : known;
    }
}
