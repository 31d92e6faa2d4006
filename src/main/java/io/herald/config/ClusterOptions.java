package io.herald.config;

import java.time.Duration;

/**
 * How this node joins a cluster, and how long disconnected clients may come back for what they missed.
 *
 * @param redis          the Redis URI ({@code redis://host:port}), or {@code null} for a single node
 * @param key            the channel prefix, socket.io's {@code key} ({@code socket.io}): Herald nodes and socket.io
 *                       emitters that share it share delivery
 * @param requestTimeout how long a cluster-wide query waits for the other nodes
 * @param recovery       whether connection state recovery is on (socket.io's {@code connectionStateRecovery})
 * @param recoveryWindow how long after a disconnect a client may recover its session
 * @param recoveryBuffer the most recent broadcasts kept per namespace for recovery
 * @param recoverySessions the most disconnected sessions this node keeps for recovery (the oldest go first)
 */
public record ClusterOptions(String redis, String key, Duration requestTimeout, boolean recovery, Duration recoveryWindow,
                             int recoveryBuffer, int recoverySessions) {
    public static final ClusterOptions DEFAULTS =
            new ClusterOptions(null, "socket.io", Duration.ofSeconds(3), false, Duration.ofMinutes(2), 10_000, 100_000);

    public boolean clustered() {
        return redis != null;
    }
}
