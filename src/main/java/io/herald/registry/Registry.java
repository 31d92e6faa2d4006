package io.herald.registry;

import io.herald.util.ProtocolLog;
import io.herald.push.Broadcast;
import io.herald.push.RoomLimitException;
import io.herald.push.Target;
import io.herald.recovery.RecoveryLog;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import io.herald.socket.SocketServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The live sockets of every app, and the one way to push to them: targeting and delivery. Everything that
 * sends (the emit API, CDI, cluster messages) reaches sockets through one routine ({@link EventDelivery}).
 * Users, rooms and "everyone" are Socket.IO rooms with app-scoped names ({@link RoomNames}), so one selection
 * mechanism serves them all and no app's target can reach another app's sockets. Its other jobs have their
 * own classes: {@link #users()} (user keys and tokens), {@link #stats()} (counts) and {@link #fromCluster()}
 * (what other nodes ask). Thread-safe.
 */
public final class Registry {
    /** The socket attribute that holds the id of the app the socket belongs to. */
    public static final String APP_ATTRIBUTE = "herald.app";

    private final SocketServer server;
    private final Apps apps;
    private final SocketLimits limits;
    private final Selector selector;
    private final EventDelivery delivery = new EventDelivery();
    private final UserBindings users;
    private final SocketStats stats;
    private final ClusterInbound fromCluster;
    private volatile ClusterLink cluster = ClusterLink.NONE;

    public Registry(SocketServer server, Apps apps) {
        this(server, apps, SocketLimits.DEFAULTS);
    }

    public Registry(SocketServer server, Apps apps, SocketLimits limits) {
        this.server = server;
        this.apps = apps;
        this.limits = limits;
        this.selector = new Selector(apps);
        this.users = new UserBindings(apps, selector, limits);
        this.stats = new SocketStats(server, apps, this);
        this.fromCluster = new ClusterInbound(server, selector, delivery, this);
    }

    public Apps apps() {
        return apps;
    }

    /** User keys: binding sockets to them, and registration tokens. */
    public UserBindings users() {
        return users;
    }

    /** Counts of sockets, users and rooms. */
    public SocketStats stats() {
        return stats;
    }

    /** What other nodes and socket.io emitters ask of this node. */
    public ClusterInbound fromCluster() {
        return fromCluster;
    }

    /** The limits on what one socket may hold. */
    public SocketLimits limits() {
        return limits;
    }

    /** The app a socket belongs to. */
    public App appOf(HeraldSocket socket) {
        return selector.appOf(socket);
    }

    /** The namespace of a target, or an exception naming it when it is not configured. */
    public Namespace namespace(String name) {
        Namespace namespace = server.namespace(name);
        if (namespace == null) throw new IllegalArgumentException("unknown namespace " + name);
        return namespace;
    }

    public Collection<Namespace> namespaces() {
        return server.namespaces();
    }

    /** The sockets a target selects now, on this node. */
    public List<HeraldSocket> sockets(Target target) {
        return selector.select(namespace(target.namespace()), selector.selection(target));
    }

    /** The app rooms a socket is in (not its own room, nor its user rooms). */
    public Set<String> rooms(HeraldSocket socket) {
        return RoomNames.stripped(socket.rooms(), RoomNames.roomPrefix(appOf(socket).id()));
    }

    /** A fluent, immutable push to a target: {@code registry.to(Target.users("a")).exceptRooms("b").emit(…)}. */
    public Broadcast to(Target target) {
        return new RegistryBroadcast(this, target, null);
    }

    /**
     * Sends an event to every socket of the target, on this node and (in a cluster) on the others, encoding
     * it once. Returns how many sockets of this node it reached.
     */
    public int emit(Target target, String event, Object... args) {
        Namespace namespace = namespace(target.namespace());
        Selection selection = selector.selection(target);
        List<Object> data = eventData(event, args);
        if (selection.selectsNobody()) return 0;
        Set<String> include = selection.includeSet(), exclude = selection.excludeSet();
        RecoveryLog.Sent sent = delivery.send(namespace, selection.app(), include, exclude, data, null, true,
                () -> selector.select(namespace, selection));
        cluster.broadcast(new ClusterBroadcast(namespace.name(), selection.app(), data, include, exclude, sent.offset()));
        return sent.delivered();
    }

    /** Sends an event to these sockets of one namespace (of this node), encoding it once. */
    int emit(List<HeraldSocket> recipients, String namespace, String event, Object... args) {
        Namespace ns = namespace(namespace);
        List<Object> data = eventData(event, args);
        Set<String> ids = new HashSet<>();
        for (HeraldSocket s : recipients) ids.add(s.id());
        return delivery.send(ns, null, ids, Set.of(), data, null, false, () -> recipients).delivered();
    }

    private static List<Object> eventData(String event, Object[] args) {
        if (event == null || HeraldSocket.isReserved(event)) throw new IllegalArgumentException("reserved or missing event name: " + event);
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        return data;
    }

    /**
     * Puts every socket of the target in one of its app's rooms, on every node; returns how many sockets of
     * this node joined (the other nodes apply it as their message arrives).
     */
    public int join(Target target, String room) {
        return changeRooms(target, room, true);
    }

    /** Takes every socket of the target out of one of its app's rooms, on every node; returns how many of this node's. */
    public int leave(Target target, String room) {
        return changeRooms(target, room, false);
    }

    private int changeRooms(Target target, String room, boolean join) {
        Selection selection = selector.selection(target);
        String name = RoomNames.room(selection.app(), room);
        List<HeraldSocket> sockets = selector.select(namespace(target.namespace()), selection);
        int refused = 0;
        for (HeraldSocket s : sockets) {
            if (!join) s.leave(name);
            else if (!joinRoom(s, name)) refused++;
        }
        if (!selection.selectsNobody() && !selection.bySocketId()) {
            cluster.changeRooms(selection.namespace(), selection.app(), selection.includeSet(), selection.excludeSet(), Set.of(name), join);
        }
        if (refused > 0) throw new RoomLimitException(sockets.size() - refused, refused, limits.maxRoomsPerSocket());
        return sockets.size();
    }

    /** Puts a socket in one of its app's rooms within {@link SocketLimits#maxRoomsPerSocket}; false, logged, when refused. */
    boolean joinRoom(HeraldSocket socket, String room) {
        if (socket.joinWithin(room, RoomNames.roomPrefix(appOf(socket).id()), limits.maxRoomsPerSocket())) return true;
        ProtocolLog.refusal("Herald: " + socket + " is in " + limits.maxRoomsPerSocket()
                + " rooms already (herald.maxRoomsPerSocket); not joining another");
        return false;
    }

    /**
     * Disconnects every socket of the target, on every node; with {@code close} their whole connections
     * close too. Returns how many sockets of this node it disconnected.
     */
    public int disconnect(Target target, boolean close) {
        Selection selection = selector.selection(target);
        List<HeraldSocket> sockets = selector.select(namespace(target.namespace()), selection);
        sockets.forEach(s -> s.disconnect(close));
        if (!selection.selectsNobody() && !selection.bySocketId()) {
            cluster.disconnect(selection.namespace(), selection.app(), selection.includeSet(), selection.excludeSet(), close);
        }
        return sockets.size();
    }

    /**
     * The sockets of the target on every node: this node's, then those the other nodes reported. The stage
     * completes when every node answered or the cluster's request timeout passed ({@code complete} false).
     */
    public CompletionStage<ClusterLink.Gathered<List<SocketView>>> socketsEverywhere(Target target) {
        Selection selection = selector.selection(target);
        List<SocketView> views = new ArrayList<>();
        for (HeraldSocket s : selector.select(namespace(target.namespace()), selection)) {
            views.add(new SocketView(s.id(), selection.namespace(), s.transport(), rooms(s), users.keysOf(s), true));
        }
        if (selection.selectsNobody()) return CompletableFuture.completedFuture(new ClusterLink.Gathered<>(views, true));
        return cluster.fetchSockets(selection.namespace(), selection.app(), selection.includeSet(), selection.excludeSet())
                .thenApply(remote -> {
                    for (ClusterLink.RemoteSocket r : remote.value()) {
                        if (!selection.app().equals(r.data().get("app"))) continue; // another app's socket, by id
                        Object transport = r.data().get("transport");
                        views.add(new SocketView(r.id(), selection.namespace(), transport == null ? null : transport.toString(),
                                RoomNames.stripped(r.rooms(), RoomNames.roomPrefix(selection.app())),
                                RoomNames.stripped(r.rooms(), RoomNames.userPrefix(selection.app())), false));
                    }
                    return new ClusterLink.Gathered<>(views, remote.complete());
                });
    }

    /** Connects this registry to the other nodes; until then (and with a single node) it is {@link ClusterLink#NONE}. */
    public void attachCluster(ClusterLink link) {
        this.cluster = link == null ? ClusterLink.NONE : link;
    }

    /** Turns connection state recovery on: every event sent through the registry gets an offset and is kept. */
    public void attachRecovery(RecoveryLog log) {
        log.apps(APP_ATTRIBUTE, apps.defaultApp().id());
        delivery.attachRecovery(log);
    }

    boolean clustered() {
        return cluster != ClusterLink.NONE;
    }

    public ClusterStatus clusterStatus() {
        return cluster.status();
    }
}
