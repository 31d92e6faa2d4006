package io.herald.registry;

/**
 * Where the cluster link stands, as the API reports it.
 *
 * @param mode  {@code single} (no cluster configured) or {@code redis}
 * @param state {@code ok}, or {@code degraded} while the other nodes cannot be reached (local delivery goes on)
 * @param node  this node's id in cluster messages
 */
public record ClusterStatus(String mode, String state, String node) {
    public static final ClusterStatus SINGLE = new ClusterStatus("single", "ok", null);

    public boolean degraded() {
        return "degraded".equals(state);
    }
}
