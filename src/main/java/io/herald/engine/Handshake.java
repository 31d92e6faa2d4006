package io.herald.engine;

import io.herald.util.SharedNames;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the client sent when it opened the connection: headers (lower-case names), query parameters and the
 * remote address. Immutable; free of container types so every layer above can read it.
 *
 * <p>A handshake lives as long as its connection (a polling handshake that never joins a namespace, up to the
 * connect timeout), so it keeps only the headers something reads later: the origin and host (the app's origin
 * check), the forwarding headers (the client's address and scheme behind a proxy), and what applications are
 * given of a client ({@code User-Agent}, {@code Accept-Language}, {@code Referer}, {@code Authorization},
 * {@code Cookie}; see {@code io.herald.push.ClientInfo}). A session keeps them {@link #capped} to
 * {@code herald.maxHandshakeHeaderBytes}, in that order: a header that would pass the cap is left out whole (a
 * client may send a megabyte of cookies; it does not get to keep them here). The values that most clients share ({@code Host}, {@code User-Agent}, ...) are
 * kept once for all of them.
 */
public record Handshake(Map<String, List<String>> headers, Map<String, List<String>> query, String remoteAddress,
                        long time) {

    /** The headers kept, most needed first (the first ones are kept when a client sends too much). */
    private static final List<String> KEPT = List.of("origin", "host", "forwarded", "x-forwarded-for", "x-forwarded-proto",
            "x-forwarded-host", "x-forwarded-port", "x-real-ip", "user-agent", "accept-language", "referer",
            "authorization", "cookie");

    /** Headers whose values repeat from client to client; their values are shared (bounded: clients choose them). */
    private static final Set<String> COMMON_VALUES = Set.of("host", "origin", "user-agent", "accept-language",
            "x-forwarded-proto", "x-forwarded-host");
    private static final SharedNames VALUES = new SharedNames(1024);

    public Handshake {
        headers = headers == null ? Map.of() : compact(headers, Integer.MAX_VALUE);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    /**
     * This handshake with at most {@code maxBytes} of header names and values (header bytes are one character
     * each on the wire), the headers needed most first; itself when it is within the cap.
     */
    public Handshake capped(int maxBytes) {
        Map<String, List<String>> kept = compact(headers, maxBytes);
        return kept.size() == headers.size() ? this : new Handshake(kept, query, remoteAddress, time);
    }

    private static Map<String, List<String>> compact(Map<String, List<String>> headers, int maxChars) {
        Map<String, List<String>> kept = new HashMap<>(8);
        int chars = 0;
        for (String name : KEPT) {
            List<String> values = headers.get(name);
            if (values == null || values.isEmpty()) continue;
            int size = name.length();
            for (String value : values) size += value == null ? 0 : value.length();
            if (size > maxChars - chars) continue; // too much: left out whole, never cut
            chars += size;
            if (COMMON_VALUES.contains(name) && values.size() == 1 && values.get(0) != null) {
                values = List.of(VALUES.get(values.get(0), value -> value));
            } else {
                values = List.copyOf(values.stream().filter(java.util.Objects::nonNull).toList());
            }
            kept.put(name, values);
        }
        return Map.copyOf(kept);
    }

    /** The first value of a header, by case-insensitive name, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The first value of a query parameter, or {@code null}. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
