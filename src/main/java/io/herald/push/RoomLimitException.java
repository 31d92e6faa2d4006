package io.herald.push;

/**
 * A join refused for some sockets because they are in {@code herald.maxRoomsPerSocket} rooms already; the
 * other sockets of the target joined.
 */
public final class RoomLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final int joined;
    private final int refused;

    /**
     * @param joined  the sockets of this node that joined
     * @param refused the sockets of this node that were at the limit
     * @param limit   the limit, {@code herald.maxRoomsPerSocket}
     */
    public RoomLimitException(int joined, int refused, int limit) {
        super(refused + " socket(s) are in " + limit + " rooms already (herald.maxRoomsPerSocket) and did not join; "
                + joined + " joined");
        this.joined = joined;
        this.refused = refused;
    }

    /** The sockets of this node that joined. */
    public int joined() {
        return joined;
    }

    /** The sockets of this node that did not, being at the limit. */
    public int refused() {
        return refused;
    }
}
