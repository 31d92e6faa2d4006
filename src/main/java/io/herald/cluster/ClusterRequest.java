package io.herald.cluster;

/** The request types of socket.io's Redis adapter, by their numbers on the wire. */
final class ClusterRequest {
    static final int SOCKETS = 0;
    static final int ALL_ROOMS = 1;
    static final int REMOTE_JOIN = 2;
    static final int REMOTE_LEAVE = 3;
    static final int REMOTE_DISCONNECT = 4;
    static final int REMOTE_FETCH = 5;

    private ClusterRequest() {}
}
