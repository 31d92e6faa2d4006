package io.herald.registry;

import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import io.herald.socket.SocketServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What other nodes (and socket.io emitters) ask of this node: deliveries, joins and leaves, disconnects and
 * fetches, each acting within one app. Names are read in that app ({@link ClusterNames}): a bare name
 * {@code x}, as socket.io emitters send them, selects the app's socket with id {@code x}, its user {@code x}
 * and its room {@code x}; another app's {@code app:…} names select nothing; no names at all select everyone
 * of the app. A message for an app this node does not know acts on nothing. Thread-safe.
 */
public final class ClusterInbound {
    private final SocketServer server;
    private final Selector selector;
    private final EventDelivery delivery;
    private final Registry registry;

    ClusterInbound(SocketServer server, Selector selector, EventDelivery delivery, Registry registry) {
        this.server = server;
        this.selector = selector;
        this.delivery = delivery;
        this.registry = registry;
    }

    /** Delivers a broadcast to this node's sockets of its app (the default app when it names none); returns how many it reached. */
    public int deliver(ClusterBroadcast broadcast) {
        Namespace namespace = server.namespace(broadcast.namespace());
        String app = selector.clusterApp(broadcast.app());
        if (namespace == null || app == null || broadcast.data().isEmpty() || !(broadcast.data().get(0) instanceof String event)
                || HeraldSocket.isReserved(event)) {
            return 0;
        }
        List<String> include = ClusterNames.selecting(broadcast.rooms(), app);
        if (include.isEmpty()) {
            if (!broadcast.rooms().isEmpty()) return 0; // only other apps' names: nobody, never everyone
            include.add(RoomNames.everyone(app));
        }
        List<String> exclude = ClusterNames.selecting(broadcast.except(), app);
        return delivery.send(namespace, app, Set.copyOf(include), Set.copyOf(exclude), broadcast.data(), broadcast.offset(), false,
                () -> selector.forApp(namespace, include, exclude, app)).delivered();
    }

    /**
     * Applies a join or leave within one app ({@code null}: the default app); returns how many sockets of this
     * node it selected. The changed rooms are the app's rooms: a bare name is a room of the app, another app's
     * or a user's {@code app:…} name is ignored.
     */
    public int changeRooms(String namespaceName, String appId, Set<String> rooms, Set<String> except, Set<String> changed, boolean join) {
        Namespace namespace = server.namespace(namespaceName);
        String app = selector.clusterApp(appId);
        if (namespace == null || app == null) return 0;
        List<HeraldSocket> sockets = selector.fromCluster(namespace, app, rooms, except);
        for (String room : changed) {
            String name = ClusterNames.room(room, app);
            if (name == null) {
                ClusterNames.refused("a cluster " + (join ? "join" : "leave") + " of another app's or a user's room, for app " + app);
                continue;
            }
            for (HeraldSocket s : sockets) {
                if (join) registry.joinRoom(s, name);
                else s.leave(name);
            }
        }
        return sockets.size();
    }

    /** Applies a disconnect within one app ({@code null}: the default); returns how many sockets of this node it disconnected. */
    public int disconnect(String namespaceName, String appId, Set<String> rooms, Set<String> except, boolean close) {
        Namespace namespace = server.namespace(namespaceName);
        String app = selector.clusterApp(appId);
        if (namespace == null || app == null) return 0;
        List<HeraldSocket> sockets = selector.fromCluster(namespace, app, rooms, except);
        sockets.forEach(s -> s.disconnect(close));
        return sockets.size();
    }

    /** This node's sockets of one app ({@code null}: the default) for another node's fetch, described as socket.io describes them. */
    public List<ClusterLink.RemoteSocket> describe(String namespaceName, String appId, Set<String> rooms, Set<String> except) {
        Namespace namespace = server.namespace(namespaceName);
        String app = selector.clusterApp(appId);
        if (namespace == null || app == null) return List.of();
        List<ClusterLink.RemoteSocket> described = new ArrayList<>();
        for (HeraldSocket s : selector.fromCluster(namespace, app, rooms, except)) {
            described.add(new ClusterLink.RemoteSocket(s.id(), s.rooms(), Map.of("app", app, "transport", s.transport())));
        }
        return described;
    }
}
