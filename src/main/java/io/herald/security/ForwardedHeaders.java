package io.herald.security;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses the headers proxies add: {@code Forwarded} (RFC 7239) and {@code X-Forwarded-For/-Proto/-Host}.
 * Pure text in, values out; which of them to believe is {@link TrustedProxies}' decision.
 */
final class ForwardedHeaders {
    /**
     * Headers by which some proxy or CDN says who the client is or how it connected. A request carrying any of
     * them has been relayed (or pretends it was).
     */
    static final Set<String> NAMES = Set.of("forwarded", "x-forwarded-for", "x-forwarded-proto", "x-forwarded-host",
            "x-forwarded-port", "x-forwarded-server", "x-forwarded-ssl", "x-forwarded-scheme", "x-real-ip",
            "x-client-ip", "true-client-ip", "cf-connecting-ip", "fastly-client-ip", "x-cluster-client-ip",
            "x-original-forwarded-for", "x-url-scheme", "front-end-https");

    /** The most elements read from one chain: more than any real proxy chain, few enough to bound the work. */
    static final int MAX_HOPS = 32;

    private ForwardedHeaders() {}

    /** One hop of {@code Forwarded}: its {@code for}, {@code proto} and {@code host}, each null when absent. */
    record Element(String forNode, String proto, String host) {}

    /** Whether any forwarding header is present. */
    static boolean present(RequestHeaders headers) {
        for (String name : NAMES) if (headers.has(name)) return true;
        return false;
    }

    /**
     * The elements of every {@code Forwarded} line, in order. A malformed element (a pair without {@code =},
     * an unclosed quote, a parameter given twice) is kept as an element that says nothing, so that it still
     * counts as a hop and stops a walk that reaches it.
     */
    static List<Element> forwarded(List<String> lines) {
        List<Element> elements = new ArrayList<>();
        for (String line : lines) {
            for (String element : split(line, ',')) {
                if (elements.size() == MAX_HOPS) return elements;
                if (!element.isBlank()) elements.add(element(element));
            }
        }
        return elements;
    }

    private static Element element(String text) {
        Map<String, String> pairs = new HashMap<>();
        for (String pair : split(text, ';')) {
            if (pair.isBlank()) continue;
            int eq = pair.indexOf('=');
            if (eq <= 0) return new Element(null, null, null);
            String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = unquote(pair.substring(eq + 1).trim());
            if (value == null || pairs.put(name, value) != null) return new Element(null, null, null);
        }
        return new Element(pairs.get("for"), pairs.get("proto"), pairs.get("host"));
    }

    /**
     * Splits at {@code separator} outside quoted strings; an unclosed quote leaves its remainder as one part,
     * which {@link #unquote} then rejects.
     */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++; // an escaped character, even a quote
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    /** A token as it is, or a quoted string without its quotes and escapes; null when malformed or empty. */
    private static String unquote(String value) {
        if (value.isEmpty()) return null;
        if (value.charAt(0) != '"') return value.indexOf('"') < 0 && value.indexOf(' ') < 0 ? value : null;
        if (value.length() < 2 || value.charAt(value.length() - 1) != '"') return null;
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\') {
                if (++i == value.length() - 1) return null; // the closing quote was escaped
                c = value.charAt(i);
            } else if (c == '"') {
                return null;
            }
            out.append(c);
        }
        return out.isEmpty() ? null : out.toString();
    }

    /** Whether {@code s} from {@code from} on is 1 to 5 decimal digits (no regular expression: once per hop). */
    private static boolean isPort(String s, int from) {
        int digits = s.length() - from;
        if (digits < 1 || digits > 5) return false;
        for (int i = from; i < s.length(); i++) if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
        return true;
    }

    /** The comma-separated values of every line of an {@code X-Forwarded-*} header, trimmed, in order. */
    static List<String> list(List<String> lines) {
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            for (String value : line.split(",", -1)) {
                if (values.size() == MAX_HOPS) return values;
                values.add(value.trim());
            }
        }
        return values;
    }

    /**
     * The IP literal in a node as proxies write it ({@code 192.0.2.1}, {@code 192.0.2.1:4711},
     * {@code [2001:db8::1]:4711}, {@code 2001:db8::1}), normalised by {@link Cidr#literal}; null for
     * {@code unknown}, an obfuscated identifier ({@code _hidden}) or anything else that is not an address.
     */
    static String address(String node) {
        if (node == null) return null;
        String s = node.trim();
        String host;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) return null;
            String rest = s.substring(close + 1);
            if (!rest.isEmpty() && !(rest.charAt(0) == ':' && isPort(rest, 1))) return null;
            host = s.substring(1, close);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            if (!isPort(s, s.indexOf(':') + 1)) return null;
            host = s.substring(0, s.indexOf(':')); // IPv4 with a port
        } else {
            host = s;
        }
        if (host.indexOf('%') >= 0) return null; // a zone names a link of the proxy's, not a client
        byte[] bytes = Cidr.literal(host);
        if (bytes == null) return null;
        try {
            return java.net.InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            return null; // cannot happen for 4 or 16 bytes
        }
    }
}
