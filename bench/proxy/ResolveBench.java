import io.herald.security.RequestHeaders;
import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import java.util.List;
import java.util.Map;

/**
 * What reading the client through trusted proxies costs per request (bench/proxy/run.sh): nanoseconds per
 * TrustedProxies.resolve for the requests /emit sees, warm, single thread. Bounded: a fixed number of rounds.
 */
public final class ResolveBench {
    public static void main(String[] args) {
        TrustedProxies none = TrustedProxies.NONE;
        TrustedProxies nginx = TrustedProxies.parse("127.0.0.1/32,::1/128");
        RequestHeaders plain = name -> List.of();
        Map<String, List<String>> viaNginx = Map.of("x-forwarded-for", List.of("203.0.113.7"),
                "x-forwarded-proto", List.of("https"), "x-forwarded-host", List.of("shop.example"));
        RequestHeaders proxied = name -> viaNginx.getOrDefault(name, List.of());
        Map<String, List<String>> chain = Map.of("forwarded",
                List.of("for=198.51.100.1, for=\"[2001:db8::1]:4711\";proto=https, for=127.0.0.1"));
        RequestHeaders rfc = name -> chain.getOrDefault(name, List.of());
        for (int round = 0; round < 3; round++) {
            report("direct, no trusted proxies", none, "10.1.2.3", plain);
            report("direct, nginx trusted", nginx, "10.1.2.3", plain);
            report("through nginx, X-Forwarded-*", nginx, "127.0.0.1", proxied);
            report("through nginx, Forwarded chain", nginx, "127.0.0.1", rfc);
        }
    }

    private static void report(String what, TrustedProxies proxies, String peer, RequestHeaders headers) {
        int n = 2_000_000;
        long sink = 0;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            RequestSource source = proxies.resolve(peer, "http", "herald.example", headers);
            sink += source.address() == null ? 0 : source.address().length();
        }
        long ns = System.nanoTime() - start;
        System.out.printf("%-34s %7.1f ns/request (%d)%n", what, (double) ns / n, sink % 10);
    }
}
