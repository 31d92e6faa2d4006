package io.herald.cdi;

import io.herald.engine.Handshake;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who a client is, as the application sees it with each event: its socket, namespace, app and user keys,
 * and what its browser sent when it connected (headers, cookies, address, preferred language). The headers
 * are those Herald keeps of a handshake ({@code Origin}, {@code Host}, forwarding headers, {@code User-Agent},
 * {@code Accept-Language}, {@code Referer}, {@code Authorization}, {@code Cookie}), at most
 * {@code herald.maxHandshakeHeaderBytes} in all.
 */
public record ClientInfo(String socketId, String namespace, String app, Set<String> users,
                         Map<String, List<String>> headers, Map<String, String> cookies, String remoteAddress,
                         String language) {

    public ClientInfo {
        users = Set.copyOf(users);
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
    }

    static ClientInfo of(String socketId, String namespace, String app, Set<String> users, Handshake handshake) {
        return new ClientInfo(socketId, namespace, app, users, handshake.headers(), cookies(handshake.header("cookie")),
                handshake.remoteAddress(), language(handshake.header("accept-language")));
    }

    /** The first user key, or {@code null} for a client that has not registered (CleverStyle's "user"). */
    public String user() {
        return users.isEmpty() ? null : users.iterator().next();
    }

    static Map<String, String> cookies(String header) {
        Map<String, String> cookies = new LinkedHashMap<>();
        if (header == null) return cookies;
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) cookies.putIfAbsent(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return cookies;
    }

    /** The first language of {@code Accept-Language} ({@code "ru-RU,ru;q=0.9"} → {@code "ru-RU"}), or null. */
    static String language(String header) {
        if (header == null || header.isBlank()) return null;
        String first = header.split(",")[0].split(";")[0].trim();
        return first.isEmpty() || first.equals("*") ? null : first;
    }
}
