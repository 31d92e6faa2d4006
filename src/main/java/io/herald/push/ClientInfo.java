package io.herald.push;

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
 *
 * @param socketId      the socket's id
 * @param namespace     the namespace it joined ({@code "/"} for the main one)
 * @param app           the id of its app
 * @param users         the user keys it is bound to (by {@code register} or its CONNECT auth)
 * @param headers       the handshake headers Herald keeps, by lower-case name
 * @param cookies       the cookies of its {@code Cookie} header, the first of each name
 * @param remoteAddress the client's address, or {@code null} when the container did not tell
 * @param language      the first language of its {@code Accept-Language}, or {@code null}
 */
public record ClientInfo(String socketId, String namespace, String app, Set<String> users,
                         Map<String, List<String>> headers, Map<String, String> cookies, String remoteAddress,
                         String language) {

    /** Copies the collections. */
    public ClientInfo {
        users = Set.copyOf(users);
        headers = Map.copyOf(headers);
        cookies = Map.copyOf(cookies);
    }

    /** A client's info, its cookies and language read from the {@code cookie} and {@code accept-language} headers. */
    public static ClientInfo of(String socketId, String namespace, String app, Set<String> users,
                                Map<String, List<String>> headers, String remoteAddress) {
        return new ClientInfo(socketId, namespace, app, users, headers, cookies(first(headers, "cookie")),
                remoteAddress, language(first(headers, "accept-language")));
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
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
