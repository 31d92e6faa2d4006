package io.herald.security.servlet;

import io.herald.security.RequestHeaders;
import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

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

    /** Where the request came from: its peer, scheme and {@code Host}, read through the trusted proxies. */
    public static RequestSource of(HttpServletRequest request, TrustedProxies proxies) {
        return proxies.resolve(request.getRemoteAddr(), request.isSecure() ? "https" : "http",
                request.getHeader("Host"), headers(request));
    }
}
