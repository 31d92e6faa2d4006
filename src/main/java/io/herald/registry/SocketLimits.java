package io.herald.registry;

/**
 * How much one socket may hold in the registry, so that no client (nor anything that can publish to the
 * cluster's Redis) can make a socket's state grow without end.
 *
 * @param maxUsersPerSocket the most user keys one socket may be bound to ({@code register}, signed or not)
 * @param maxRoomsPerSocket the most app rooms one socket may be in, whoever joins it (the emit API, Java
 *                          callers, cluster joins)
 */
public record SocketLimits(int maxUsersPerSocket, int maxRoomsPerSocket) {
    public static final SocketLimits DEFAULTS = new SocketLimits(16, 256);

    public SocketLimits {
        if (maxUsersPerSocket < 1) throw new IllegalArgumentException("setting herald.maxUsersPerSocket must be at least 1");
        if (maxRoomsPerSocket < 1) throw new IllegalArgumentException("setting herald.maxRoomsPerSocket must be at least 1");
    }
}
