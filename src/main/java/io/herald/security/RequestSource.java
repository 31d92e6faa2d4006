package io.herald.security;

import java.util.Locale;

/**
 * Where a request came from, as {@link TrustedProxies#resolve} reads it: the client's address, the scheme and
 * host it asked for, and whether forwarding headers arrived from a peer that is not a trusted proxy.
 *
 * @param address             the client's IP literal, or null when it is unknown (an obfuscated or garbled
 *                            forwarding element, or headers that contradict each other)
 * @param scheme              {@code http} or {@code https} as the client used it (lower case)
 * @param host                the {@code host[:port]} the client asked for, or null
 * @param untrustedForwarding forwarding headers came from a peer outside {@code herald.trustedProxies}: anyone
 *                            may have written them, so the request is not taken to come from where they say
 *                            nor from where the peer is (it was relayed)
 */
public record RequestSource(String address, String scheme, String host, boolean untrustedForwarding) {

    public RequestSource {
        scheme = scheme == null ? "http" : scheme.toLowerCase(Locale.ROOT);
    }

    /** Whether the client's own connection was encrypted (HTTPS, or WSS for a WebSocket). */
    public boolean secure() {
        return scheme.equals("https") || scheme.equals("wss");
    }

    /**
     * Whether a browser's {@code Origin} names this request's own scheme and host, as a page served by the same
     * server sends it (and python-socketio's client does): such a request is not cross-origin.
     */
    public boolean isOwnOrigin(String origin) {
        if (origin == null || host == null || host.isEmpty()) return false;
        String page = OriginPolicy.normalize(origin);
        int colon = page.indexOf("://");
        if (colon < 0) return false;
        String pageScheme = page.substring(0, colon);
        String ownScheme = secure() ? "https" : "http";
        return pageScheme.equals(ownScheme)
                && withoutDefaultPort(page.substring(colon + 3), ownScheme).equals(withoutDefaultPort(host.toLowerCase(Locale.ROOT), ownScheme));
    }

    /** {@code example.com:443} is {@code example.com} for https, as browsers write origins. */
    private static String withoutDefaultPort(String hostAndPort, String scheme) {
        String port = scheme.equals("https") ? ":443" : ":80";
        return hostAndPort.endsWith(port) ? hostAndPort.substring(0, hostAndPort.length() - port.length()) : hostAndPort;
    }
}
