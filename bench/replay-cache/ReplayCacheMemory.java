import io.herald.security.ReplayGuard;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The heap one app's ReplayGuard keeps for N accepted signatures (64 hex characters each, as the API receives
 * them), after full GCs. Run by bench/replay-cache/run.sh; prints one line.
 */
public class ReplayCacheMemory {
    private static long used() {
        for (int i = 0; i < 5; i++) System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        SecureRandom random = new SecureRandom();
        byte[][] raw = new byte[n][32];
        for (byte[] b : raw) random.nextBytes(b);
        long now = 1_765_000_000L;
        long before = used();
        ReplayGuard guard = new ReplayGuard(n);
        for (byte[] b : raw) guard.use("shop", now, HexFormat.of().formatHex(b), now);
        long after = used();
        System.out.printf("%,d signatures: %.1f MB, %.0f bytes each%n", n, (after - before) / 1e6, (double) (after - before) / n);
        if (guard.use("shop", now, HexFormat.of().formatHex(raw[0]), now) != ReplayGuard.Use.REPEATED) throw new AssertionError();
    }
}
