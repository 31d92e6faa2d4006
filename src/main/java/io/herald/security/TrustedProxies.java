package io.herald.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The proxies in front of Herald whose forwarding headers are believed ({@code herald.trustedProxies}), and
 * the one rule every entry point reads a request's origin by: the WebSocket handshakes, polling, the doit
 * {@code /emit} and the emit API.
 *
 * <p>Forwarding headers count only when the peer that sent the request is a trusted proxy. The chain they
 * carry is then walked from the right (the hop nearest to Herald) past every trusted proxy; the first hop that
 * is not one is the client, since what lies left of it was written by a party nobody vouches for. Headers
 * from any other peer are not believed, and the request is marked as relayed by someone unknown. When both
 * {@code Forwarded} and {@code X-Forwarded-*} arrive and name different clients, schemes or hosts, a proxy
 * passed one of them on from the client unchecked: the client is then unknown and the peer's own scheme and
 * host stand.
 */
public record TrustedProxies(List<Cidr> networks) {
    /** The headers (lower case) by which proxies say who the client is or how it connected. */
    public static final java.util.Set<String> FORWARDING_HEADERS = ForwardedHeaders.NAMES;

    /** The default: no proxy is trusted, every request is taken as coming from its peer. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    public TrustedProxies {
        networks = List.copyOf(networks);
    }

    /** Parses a comma-separated list of networks ({@code 127.0.0.1/32, 10.0.0.0/8, ::1}); blank is none. */
    public static TrustedProxies parse(String list) {
        if (list == null || list.isBlank()) return NONE;
        List<Cidr> networks = new ArrayList<>();
        for (String part : list.split(",")) if (!part.isBlank()) networks.add(Cidr.parse(part));
        return new TrustedProxies(networks);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** Whether this address (an IP literal) is one of the trusted proxies. */
    public boolean trusts(String address) {
        byte[] bytes = Cidr.literal(address);
        if (bytes == null) return false;
        for (Cidr network : networks) if (network.contains(bytes)) return true;
        return false;
    }

    /**
     * Where a request came from.
     *
     * @param peer    the address of the connection's other end, as the container reports it
     * @param scheme  the scheme of that connection ({@code http}/{@code https})
     * @param host    the request's {@code Host} header, or null
     * @param headers the request's headers
     */
    public RequestSource resolve(String peer, String scheme, String host, RequestHeaders headers) {
        if (!trusts(peer)) {
            return new RequestSource(peer, scheme, host, ForwardedHeaders.present(headers));
        }
        Hop standard = fromForwarded(headers.all("forwarded"));
        Hop legacy = fromXForwarded(headers);
        if (standard == null && legacy == null) return new RequestSource(peer, scheme, host, false);
        if (standard != null && legacy != null && !standard.agrees(legacy)) {
            return new RequestSource(null, scheme, host, false);
        }
        Hop merged = standard == null ? legacy : legacy == null ? standard : standard.or(legacy);
        return new RequestSource(merged.chained ? merged.address : peer,
                merged.proto != null ? merged.proto : scheme, merged.host != null ? merged.host : host, false);
    }

    /**
     * What the chain says about the client: its address ({@code chained} when the chain named a hop at all,
     * the address then null when that hop is not an IP), and the scheme and host it asked for, or null.
     */
    private record Hop(boolean chained, String address, String proto, String host) {
        boolean agrees(Hop other) {
            return (!chained || !other.chained || java.util.Objects.equals(address, other.address))
                    && (proto == null || other.proto == null || proto.equals(other.proto))
                    && (host == null || other.host == null || host.equals(other.host));
        }

        Hop or(Hop other) {
            return new Hop(chained || other.chained, chained ? address : other.address,
                    proto != null ? proto : other.proto, host != null ? host : other.host);
        }
    }

    private Hop fromForwarded(List<String> lines) {
        if (lines == null || lines.isEmpty()) return null;
        List<ForwardedHeaders.Element> elements = ForwardedHeaders.forwarded(lines);
        if (elements.isEmpty()) return null;
        int client = clientIndex(elements.stream().map(e -> ForwardedHeaders.address(e.forNode())).toList());
        ForwardedHeaders.Element hop = elements.get(client);
        return new Hop(true, ForwardedHeaders.address(hop.forNode()), proto(hop.proto()), lowerCase(hop.host()));
    }

    private Hop fromXForwarded(RequestHeaders headers) {
        List<String> chain = ForwardedHeaders.list(orEmpty(headers.all("x-forwarded-for")));
        List<String> protos = ForwardedHeaders.list(orEmpty(headers.all("x-forwarded-proto")));
        List<String> hosts = ForwardedHeaders.list(orEmpty(headers.all("x-forwarded-host")));
        if (chain.isEmpty() && protos.isEmpty() && hosts.isEmpty()) return null;
        List<String> addresses = chain.stream().map(ForwardedHeaders::address).toList();
        int client = chain.isEmpty() ? -1 : clientIndex(addresses);
        int fromRight = chain.isEmpty() ? 0 : chain.size() - 1 - client; // trusted hops after the client
        return new Hop(!chain.isEmpty(), client < 0 ? null : addresses.get(client),
                proto(aligned(protos, fromRight)), lowerCase(aligned(hosts, fromRight)));
    }

    /** The index of the first hop from the right that is not a trusted proxy; the leftmost if all are. */
    private int clientIndex(List<String> addresses) {
        for (int i = addresses.size() - 1; i > 0; i--) {
            if (!trusts(addresses.get(i))) return i;
        }
        return 0;
    }

    /**
     * The value a list of one entry per hop holds for the client's hop ({@code fromRight} entries from its end);
     * a shorter list, as when one proxy sets the header for all, gives its first value.
     */
    private static String aligned(List<String> values, int fromRight) {
        if (values.isEmpty()) return null;
        int index = Math.max(0, values.size() - 1 - fromRight);
        String value = values.get(index);
        return value.isEmpty() ? null : value;
    }

    /** {@code http} or {@code https} (also {@code ws}/{@code wss}, as some proxies write them); null otherwise. */
    private static String proto(String value) {
        if (value == null) return null;
        String p = value.trim().toLowerCase(Locale.ROOT);
        return switch (p) {
            case "http", "ws" -> "http";
            case "https", "wss" -> "https";
            default -> null;
        };
    }

    private static String lowerCase(String value) {
        return value == null || value.isBlank() ? null : value.trim().toLowerCase(Locale.ROOT);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
