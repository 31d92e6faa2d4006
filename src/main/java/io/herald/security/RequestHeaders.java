package io.herald.security;

import java.util.List;

/**
 * A request's header values by name, whatever the container: the servlet request, Undertow's exchange or a
 * WebSocket handshake. Names are asked for in lower case and must be matched case-insensitively.
 */
@FunctionalInterface
public interface RequestHeaders {
    /** Every value of the header, in the order received (one entry per header line); empty when absent. */
    List<String> all(String lowerCaseName);

    /** The first value, or null. */
    default String first(String lowerCaseName) {
        List<String> values = all(lowerCaseName);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** Whether the header is present at all. */
    default boolean has(String lowerCaseName) {
        List<String> values = all(lowerCaseName);
        return values != null && !values.isEmpty();
    }
}
