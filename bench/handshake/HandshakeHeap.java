import io.herald.engine.Handshake;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Heap kept per Engine.IO handshake: N handshakes with a browser's polling request headers (Chrome 131, a
 * per-user cookie), and N with a 64 KiB cookie (what a client may send: Undertow takes headers up to 1 MB),
 * measured after a full GC. Run by run.sh against Herald's classes.
 */
public final class HandshakeHeap {
    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args.length > 0 ? args[0] : "20000");
        System.out.printf("browser polling handshake: %.2f KiB each%n", perHandshake(n, 0));
        System.out.printf("handshake with a 64 KiB cookie: %.2f KiB each%n", perHandshake(n / 20, 64 * 1024));
    }

    private static double perHandshake(int n, int bigCookie) throws Exception {
        List<Handshake> kept = new ArrayList<>(n);
        long before = used();
        for (int i = 0; i < n; i++) kept.add(session(new Handshake(headers(i, bigCookie), Map.of("EIO", List.of("4"),
                "transport", List.of("polling"), "t", List.of("PQx" + i)), "127.0.0.1", i)));
        long after = used();
        if (kept.size() != n) throw new AssertionError();
        return (after - before) / 1024.0 / n;
    }

    /** What a session keeps: the handshake capped at the default 8192 bytes where Herald caps it (capped()). */
    private static Handshake session(Handshake handshake) throws Exception {
        try {
            return (Handshake) Handshake.class.getMethod("capped", int.class).invoke(handshake, 8192);
        } catch (NoSuchMethodException olderHerald) {
            return handshake;
        }
    }

    private static Map<String, List<String>> headers(int i, int bigCookie) {
        Map<String, List<String>> h = new HashMap<>();
        put(h, "host", "chat.example.com");
        put(h, "connection", "keep-alive");
        put(h, "sec-ch-ua", "\"Google Chrome\";v=\"131\", \"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\"");
        put(h, "sec-ch-ua-mobile", "?0");
        put(h, "sec-ch-ua-platform", "\"Windows\"");
        put(h, "user-agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36");
        put(h, "accept", "*/*");
        put(h, "origin", "https://www.example.com");
        put(h, "sec-fetch-site", "same-site");
        put(h, "sec-fetch-mode", "cors");
        put(h, "sec-fetch-dest", "empty");
        put(h, "referer", "https://www.example.com/");
        put(h, "accept-encoding", "gzip, deflate, br, zstd");
        put(h, "accept-language", "en-GB,en-US;q=0.9,en;q=0.8");
        put(h, "cookie", bigCookie > 0 ? "big=" + "x".repeat(bigCookie) + i : "_ga=GA1.1." + (1000000 + i) + "; session=" + Integer.toHexString(i * 7919) + "abcdef0123456789");
        return h;
    }

    private static void put(Map<String, List<String>> h, String name, String value) {
        h.put(name, List.of(new String(value))); // a fresh copy, as a container's parser makes one per request
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
