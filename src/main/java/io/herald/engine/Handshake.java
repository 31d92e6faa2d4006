package io.herald.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the client sent when it opened the connection: headers (lower-case names), query parameters and the
 * remote address. Immutable; free of container types so every layer above can read it.
 *
 * <p>A handshake lives as long as its connection, so it keeps only what describes the client: the headers
 * that only negotiate the upgrade itself ({@code Sec-WebSocket-Key} and the like) are left out, and the values
 * that most clients share ({@code Host}, {@code User-Agent}, ...) are kept once for all of them.
 */
public record Handshake(Map<String, List<String>> headers, Map<String, List<String>> query, String remoteAddress,
                        long time) {

    /** Headers about the upgrade, not the client: the same for every WebSocket, and of no use once open. */
    private static final Set<String> UPGRADE_ONLY = Set.of("connection", "upgrade", "sec-websocket-key",
            "sec-websocket-version", "sec-websocket-extensions");

    /** Headers whose values repeat from client to client; their values are shared (bounded: clients choose them). */
    private static final Set<String> COMMON_VALUES = Set.of("host", "origin", "user-agent", "accept", "accept-language",
            "accept-encoding", "cache-control", "pragma", "sec-websocket-protocol", "x-forwarded-proto",
            "x-forwarded-host");
    private static final SharedNames VALUES = new SharedNames(1024);

    public Handshake {
        headers = headers == null ? Map.of() : compact(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
    }

    private static Map<String, List<String>> compact(Map<String, List<String>> headers) {
        Map<String, List<String>> kept = new HashMap<>(headers.size() * 2);
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            String name = header.getKey();
            if (UPGRADE_ONLY.contains(name)) continue;
            List<String> values = header.getValue();
            if (COMMON_VALUES.contains(name) && values.size() == 1 && values.get(0) != null) {
                values = List.of(VALUES.get(values.get(0), value -> value));
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
