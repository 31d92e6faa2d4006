package io.herald.adapter.servlet;

import io.herald.security.RequestHeaders;
import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link TrustedProxies}' rule applied to a servlet request. */
public final class ServletRequestSource {
    private ServletRequestSource() {}

    /** The request's headers, as the container gives them (case-insensitive names). */
    public static RequestHeaders headers(HttpServletRequest request) {
        return name -> {
            Enumeration<String> values = request.getHeaders(name);
            return values == null ? List.of() : Collections.list(values);
        };
    }

    /**
     * What {@link #of} needs of a request, copied (the peer, scheme, {@code Host} and the forwarding headers), for
     * reading after the container may have recycled the request object.
     */
    public record Snapshot(String peer, String scheme, String host, Map<String, List<String>> forwarding) {
        public Snapshot {
            forwarding = Map.copyOf(forwarding);
        }

        public RequestSource resolve(TrustedProxies proxies) {
            return proxies.resolve(peer, scheme, host, name -> forwarding.getOrDefault(name, List.of()));
        }
    }

    /** Copies what decides where the request came from. */
    public static Snapshot snapshot(HttpServletRequest request) {
        Map<String, List<String>> forwarding = new HashMap<>();
        RequestHeaders headers = headers(request);
        for (String name : TrustedProxies.FORWARDING_HEADERS) {
            List<String> values = headers.all(name);
            if (!values.isEmpty()) forwarding.put(name, List.copyOf(values));
        }
        return new Snapshot(request.getRemoteAddr(), request.isSecure() ? "https" : "http", request.getHeader("Host"),
                forwarding);
    }

    /** Where the request came from: its peer, scheme and {@code Host}, read through the trusted proxies. */
    public static RequestSource of(HttpServletRequest request, TrustedProxies proxies) {
        return proxies.resolve(request.getRemoteAddr(), request.isSecure() ? "https" : "http",
                request.getHeader("Host"), headers(request));
    }
}
