package io.herald.engine;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the client sent when it opened the connection: headers (lower-case names), query parameters and the
 * remote address. Immutable; free of container types so every layer above can read it.
 */
public record Handshake(Map<String, List<String>> headers, Map<String, List<String>> query, String remoteAddress,
                        long time) {

    public Handshake {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        query = query == null ? Map.of() : Map.copyOf(query);
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
