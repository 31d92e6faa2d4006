package io.herald.engine.websocket;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lower-case header names, one instance each for every connection's handshake: the same dozen names
 * would otherwise be kept anew by every connection. Bounded, since clients choose the names they send.
 */
final class HeaderNames {
    private static final int MAX = 256;
    private static final Map<String, String> KNOWN = new ConcurrentHashMap<>();

    private HeaderNames() {}

    static String lowerCase(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String known = KNOWN.get(lower);
        if (known != null) return known;
        if (KNOWN.size() >= MAX) return lower;
        known = KNOWN.putIfAbsent(lower, lower);
        return known == null ? lower : known;
    }
}
