package io.herald.security;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may connect. Browsers send {@code Origin} on WebSocket handshakes and cross-origin
 * requests; clients that are not browsers send none and are not subject to this policy (an origin check
 * protects a user's browser from other sites, it does not authenticate anyone).
 *
 * <p>The default allows no browser origin at all, so a page from another site cannot open a connection in
 * the visitor's name. The origins of the sites that embed Herald are listed in {@code herald.allowedOrigins};
 * {@code *} allows every origin and must be chosen explicitly. WebSocket handshakes and polling requests follow
 * the same list. A request's own origin (its scheme and host, through trusted proxies) is never foreign: the
 * entry points also ask {@link RequestSource#isOwnOrigin}, since this list alone cannot know the host.
 */
public record OriginPolicy(Set<String> allowed, boolean any) {

    public static final OriginPolicy NONE = new OriginPolicy(Set.of(), false);

    public OriginPolicy {
        allowed = Set.copyOf(allowed);
    }

    /** Parses a comma-separated list such as {@code https://shop.example, http://localhost:8080} or {@code *}. */
    public static OriginPolicy parse(String list) {
        if (list == null || list.isBlank()) return NONE;
        if (list.trim().equals("*")) return new OriginPolicy(Set.of(), true);
        Set<String> origins = Arrays.stream(list.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(OriginPolicy::normalize)
                .collect(Collectors.toSet());
        return new OriginPolicy(origins, false);
    }

    /** Whether a request with this {@code Origin} header (null when absent) may proceed. */
    public boolean allows(String origin) {
        return origin == null || any || allowed.contains(normalize(origin));
    }

    /** Lower-cases and strips a trailing slash, so {@code HTTP://Example.com/} matches {@code http://example.com}. */
    static String normalize(String origin) {
        String o = origin.trim().toLowerCase(Locale.ROOT);
        return o.endsWith("/") ? o.substring(0, o.length() - 1) : o;
    }
}
