package io.herald.security;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes each signed request single-use: it remembers, per app, the signatures it has accepted until their
 * timestamps leave the {@link RequestSignature#WINDOW_SECONDS} window, after which {@link RequestSignature}
 * refuses them anyway. A request whose signature was already seen is a replay, however it arrives.
 *
 * <p>Each app keeps at most {@code capacity} signatures. When that is full, the oldest is forgotten and no
 * request with a timestamp as old as it is accepted any more ({@link Use#TOO_OLD}): a forgotten signature
 * can never be replayed, and a backend whose clock is right, sending now, is not affected unless it sends more
 * than {@code capacity} requests in one second. Memory: about 115 to 155 bytes per remembered signature
 * (11.4 MB for 100,000; bench/replay-cache).
 *
 * <p>This node's memory only: in a cluster, a request replayed to another node is not seen here.
 */
public final class ReplayGuard {
    /** What a first check of a verified signature found. */
    public enum Use { FIRST, REPEATED, TOO_OLD }

    private final int capacity;
    private final Map<String, Seen> byApp = new ConcurrentHashMap<>();

    public ReplayGuard(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("the replay cache holds at least 1 signature, not " + capacity);
        this.capacity = capacity;
    }

    /**
     * Records a signature that has just been verified, and says whether it is new. Call it only after the
     * signature checks out, so that forged requests cannot fill the cache.
     */
    public Use use(String appId, long timestamp, String signature, long nowSeconds) {
        return byApp.computeIfAbsent(appId, id -> new Seen()).use(timestamp, signature.toLowerCase(), nowSeconds);
    }

    private record Entry(long timestamp, String signature) {}

    /** One app's accepted signatures, oldest first. */
    private final class Seen {
        private static final Comparator<Entry> ORDER =
                Comparator.comparingLong(Entry::timestamp).thenComparing(Entry::signature);

        private final TreeSet<Entry> entries = new TreeSet<>(ORDER); // guarded by this
        private long floor = Long.MIN_VALUE; // guarded by this; requests this old or older are refused

        synchronized Use use(long timestamp, String signature, long now) {
            // forget what the window refuses anyway: a timestamp more than WINDOW seconds before now
            while (!entries.isEmpty() && entries.first().timestamp() < now - RequestSignature.WINDOW_SECONDS) {
                entries.pollFirst();
            }
            if (timestamp <= floor) return Use.TOO_OLD;
            if (!entries.add(new Entry(timestamp, signature))) return Use.REPEATED;
            if (entries.size() > capacity) floor = Math.max(floor, entries.pollFirst().timestamp());
            return timestamp <= floor ? Use.TOO_OLD : Use.FIRST;
        }
    }
}
