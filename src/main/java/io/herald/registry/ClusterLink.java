package io.herald.registry;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * How the registry reaches the sockets of other Herald nodes. Room names here are the registry's own
 * app-scoped names (a node that receives them resolves them in {@link Registry#deliverFromCluster}). Every
 * method returns at once: a link that cannot reach the other nodes drops the message and says so in
 * {@link #status()}, so local delivery never waits for the cluster.
 */
public interface ClusterLink {
    /** Sends a broadcast, already delivered on this node, to the other nodes. */
    void broadcast(ClusterBroadcast broadcast);

    /**
     * Makes the matching sockets of {@code app} on the other nodes join ({@code join == true}) or leave
     * {@code changed}. The app travels with the request: a node acts on that app's sockets only.
     */
    void changeRooms(String namespace, String app, Set<String> rooms, Set<String> except, Set<String> changed, boolean join);

    /** Disconnects the matching sockets of {@code app} on the other nodes. */
    void disconnect(String namespace, String app, Set<String> rooms, Set<String> except, boolean close);

    /**
     * The matching sockets of {@code app} on the other nodes; {@link Gathered#complete()} is false when some
     * did not answer.
     */
    CompletionStage<Gathered<List<RemoteSocket>>> fetchSockets(String namespace, String app, Set<String> rooms, Set<String> except);

    ClusterStatus status();

    /** A single node: nothing to reach. */
    ClusterLink NONE = new ClusterLink() {
        @Override
        public void broadcast(ClusterBroadcast broadcast) {}

        @Override
        public void changeRooms(String namespace, String app, Set<String> rooms, Set<String> except, Set<String> changed, boolean join) {}

        @Override
        public void disconnect(String namespace, String app, Set<String> rooms, Set<String> except, boolean close) {}

        @Override
        public CompletionStage<Gathered<List<RemoteSocket>>> fetchSockets(String namespace, String app, Set<String> rooms, Set<String> except) {
            return CompletableFuture.completedFuture(new Gathered<>(List.of(), true));
        }

        @Override
        public ClusterStatus status() {
            return ClusterStatus.SINGLE;
        }
    };

    /** Answers gathered from the other nodes; {@code complete} is false when some node did not answer in time. */
    record Gathered<T>(T value, boolean complete) {}

    /**
     * A socket on another node, as socket.io's {@code fetchSockets} describes it.
     *
     * @param rooms its room names (registry names for Herald nodes)
     * @param data  what the node tells of it: Herald nodes give {@code app} and {@code transport}
     */
    record RemoteSocket(String id, Set<String> rooms, java.util.Map<String, Object> data) {
        public RemoteSocket {
            rooms = Set.copyOf(rooms);
            data = data == null ? java.util.Map.of() : java.util.Map.copyOf(data);
        }
    }
}
