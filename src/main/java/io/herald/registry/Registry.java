package io.herald.registry;

import io.herald.push.RoomLimitException;
import io.herald.engine.ProtocolLog;
import io.herald.protocol.socket.EncodedPacket;
import io.herald.protocol.socket.SocketEncoder;
import io.herald.protocol.socket.SocketPacket;
import io.herald.push.Broadcast;
import io.herald.push.Target;
import io.herald.recovery.RecoveryLog;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.security.RegistrationToken;
import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import io.herald.socket.SocketServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The live sockets, their rooms and user keys, per app, and the one way to push to them. Everything that
 * sends (the emit API, CDI, cluster messages) goes through {@link #emit}. Users, rooms and "everyone" are
 * Socket.IO rooms with app-scoped names ({@link RoomNames}), so one selection mechanism serves them all and
 * no app's target can reach another app's sockets. Thread-safe.
 */
public final class Registry {
    /** The socket attribute that holds the id of the app the socket belongs to. */
    public static final String APP_ATTRIBUTE = "herald.app";
    public static final int MAX_KEY_LENGTH = 256;

    private final SocketServer server;
    private final Apps apps;
    private final SocketLimits limits;
    private volatile ClusterLink cluster = ClusterLink.NONE;
    private volatile RecoveryLog recovery; // null: connection state recovery is off

    public Registry(SocketServer server, Apps apps) {
        this(server, apps, SocketLimits.DEFAULTS);
    }

    public Registry(SocketServer server, Apps apps, SocketLimits limits) {
        this.server = server;
        this.apps = apps;
        this.limits = limits;
    }

    public Apps apps() {
        return apps;
    }

    /** The app a socket belongs to. */
    public App appOf(HeraldSocket socket) {
        App app = apps.byId(socket.attribute(APP_ATTRIBUTE));
        return app != null ? app : apps.defaultApp();
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

    private String appId(Target target) {
        if (target.app() == null) return apps.defaultApp().id();
        if (apps.byId(target.app()) == null) throw new IllegalArgumentException("unknown app " + target.app());
        return target.app();
    }

    /** A target in the registry's own room names: what a node selects locally and sends to the others. */
    private record Selection(String namespace, String app, List<String> include, List<String> exclude, boolean bySocketId) {}

    private Selection selection(Target target) {
        String app = appId(target);
        List<String> include = new ArrayList<>();
        if (target.all()) {
            include.add(RoomNames.everyone(app));
        } else {
            if (target.registered()) include.add(RoomNames.registered(app));
            for (String room : target.rooms()) include.add(RoomNames.room(app, room));
            for (String key : target.users()) include.add(RoomNames.user(app, key));
            include.addAll(target.sockets()); // every socket is in the room named by its id
        }
        List<String> exclude = new ArrayList<>(target.exceptRooms().size() + target.exceptUsers().size());
        for (String room : target.exceptRooms()) exclude.add(RoomNames.room(app, room));
        for (String key : target.exceptUsers()) exclude.add(RoomNames.user(app, key));
        exclude.addAll(target.exceptSockets());
        return new Selection(target.namespace(), app, include, exclude, !target.sockets().isEmpty());
    }

    /** The sockets a target selects now, on this node. */
    public List<HeraldSocket> sockets(Target target) {
        Namespace namespace = namespace(target.namespace());
        return select(namespace, selection(target));
    }

    private List<HeraldSocket> select(Namespace namespace, Selection selection) {
        if (selection.include().isEmpty()) return new ArrayList<>(); // nobody: an empty target is never everyone
        List<HeraldSocket> selected = namespace.select(selection.include(), selection.exclude());
        if (selection.bySocketId()) {
            String app = selection.app();
            selected.removeIf(s -> !app.equals(appOf(s).id())); // a socket id from another app selects nothing
        }
        return selected;
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
        Selection selection = selection(target);
        List<Object> data = eventData(event, args);
        if (selection.include().isEmpty()) return 0;
        Set<String> include = Set.copyOf(selection.include()), exclude = Set.copyOf(selection.exclude());
        RecoveryLog log = recovery;
        if (log == null) {
            int delivered = deliver(select(namespace, selection), namespace, data);
            cluster.broadcast(new ClusterBroadcast(namespace.name(), selection.app(), data, include, exclude, null));
            return delivered;
        }
        // The offset is made locally and the stream append queued: no Redis round trip on the emit path.
        RecoveryLog.Sent sent = log.emit(namespace.name(), selection.app(), include, exclude, data, null, true,
                withOffset -> deliver(select(namespace, selection), namespace, withOffset));
        cluster.broadcast(new ClusterBroadcast(namespace.name(), selection.app(), data, include, exclude, sent.offset()));
        return sent.delivered();
    }

    /** Sends an event to these sockets of one namespace (of this node), encoding it once. */
    int emit(List<HeraldSocket> recipients, String namespace, String event, Object... args) {
        Namespace ns = namespace(namespace);
        List<Object> data = eventData(event, args);
        RecoveryLog log = recovery;
        if (log == null) return deliver(recipients, ns, data);
        Set<String> ids = new java.util.HashSet<>();
        for (HeraldSocket s : recipients) ids.add(s.id());
        return log.emit(ns.name(), null, ids, Set.of(), data, null, false, withOffset -> deliver(recipients, ns, withOffset)).delivered();
    }

    /** Turns connection state recovery on: every event sent through the registry gets an offset and is kept. */
    public void attachRecovery(RecoveryLog log) {
        log.apps(APP_ATTRIBUTE, apps.defaultApp().id());
        this.recovery = log;
    }

    private static List<Object> eventData(String event, Object[] args) {
        if (event == null || HeraldSocket.isReserved(event)) throw new IllegalArgumentException("reserved or missing event name: " + event);
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        return data;
    }

    private int deliver(List<HeraldSocket> recipients, Namespace namespace, List<Object> data) {
        if (recipients.isEmpty()) return 0;
        EncodedPacket packet = SocketEncoder.encode(SocketPacket.event(namespace.name(), data, SocketPacket.NO_ACK));
        return namespace.deliver(recipients, packet);
    }

    /**
     * The app a cluster message acts for: the one it names, or the default app when it names none (socket.io
     * emitters); {@code null} for an app this node does not know, whose message then acts on nothing.
     */
    private String clusterApp(String named) {
        if (named == null) return apps.defaultApp().id();
        return apps.byId(named) != null ? named : null;
    }

    /**
     * Delivers a broadcast that another node (or a socket.io emitter) sent, to this node's sockets of the
     * broadcast's app (the default app when it names none). Names are read in that app ({@link ClusterNames}):
     * a bare name {@code x}, as socket.io emitters send them, selects the app's socket with id {@code x}, its
     * user {@code x} and its room {@code x}; another app's {@code app:…} names select nothing; no rooms at all
     * selects everyone of the app. Returns how many sockets it reached.
     */
    public int deliverFromCluster(ClusterBroadcast broadcast) {
        Namespace namespace = server.namespace(broadcast.namespace());
        String app = clusterApp(broadcast.app());
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
        RecoveryLog log = recovery;
        if (log == null) return deliver(selectForApp(namespace, include, exclude, app), namespace, broadcast.data());
        return log.emit(namespace.name(), app, Set.copyOf(include), Set.copyOf(exclude), broadcast.data(), broadcast.offset(),
                false, withOffset -> deliver(selectForApp(namespace, include, exclude, app), namespace, withOffset)).delivered();
    }

    /** The sockets of one app among those the names select (a bare socket id may be any app's socket). */
    private List<HeraldSocket> selectForApp(Namespace namespace, List<String> include, List<String> exclude, String app) {
        if (include.isEmpty()) return new ArrayList<>();
        List<HeraldSocket> recipients = namespace.select(include, exclude);
        recipients.removeIf(s -> !app.equals(appOf(s).id()));
        return recipients;
    }

    /**
     * Applies a join or leave that another node (or an emitter) asked for, within one app ({@code null}: the
     * default app); returns how many sockets of this node it selected. The changed rooms are the app's rooms:
     * a bare name is a room of the app, another app's or a user's {@code app:…} name is ignored.
     */
    public int changeRoomsFromCluster(String namespaceName, String appId, Set<String> rooms, Set<String> except,
                                      Set<String> changed, boolean join) {
        Namespace namespace = server.namespace(namespaceName);
        String app = clusterApp(appId);
        if (namespace == null || app == null) return 0;
        List<HeraldSocket> sockets = selectFromCluster(namespace, app, rooms, except);
        for (String room : changed) {
            String name = ClusterNames.room(room, app);
            if (name == null) {
                ClusterNames.refused("a cluster " + (join ? "join" : "leave") + " of another app's or a user's room, for app " + app);
                continue;
            }
            for (HeraldSocket s : sockets) {
                if (join) joinRoom(s, name);
                else s.leave(name);
            }
        }
        return sockets.size();
    }

    /** Applies a disconnect that another node (or an emitter) asked for, within one app ({@code null}: the default). */
    public int disconnectFromCluster(String namespaceName, String appId, Set<String> rooms, Set<String> except, boolean close) {
        Namespace namespace = server.namespace(namespaceName);
        String app = clusterApp(appId);
        if (namespace == null || app == null) return 0;
        List<HeraldSocket> sockets = selectFromCluster(namespace, app, rooms, except);
        sockets.forEach(s -> s.disconnect(close));
        return sockets.size();
    }

    /**
     * This node's sockets of one app ({@code null}: the default) for another node's fetch, described as
     * socket.io describes them.
     */
    public List<ClusterLink.RemoteSocket> describeForCluster(String namespaceName, String appId, Set<String> rooms, Set<String> except) {
        Namespace namespace = server.namespace(namespaceName);
        String app = clusterApp(appId);
        if (namespace == null || app == null) return List.of();
        List<ClusterLink.RemoteSocket> described = new ArrayList<>();
        for (HeraldSocket s : selectFromCluster(namespace, app, rooms, except)) {
            described.add(new ClusterLink.RemoteSocket(s.id(), s.rooms(), Map.of("app", app, "transport", s.transport())));
        }
        return described;
    }

    private List<HeraldSocket> selectFromCluster(Namespace namespace, String app, Set<String> rooms, Set<String> except) {
        List<String> include = ClusterNames.selecting(rooms, app);
        if (include.isEmpty() && rooms.isEmpty()) include.add(RoomNames.everyone(app));
        return selectForApp(namespace, include, ClusterNames.selecting(except, app), app);
    }

    /**
     * Puts every socket of the target in one of its app's rooms, on every node; returns how many sockets of
     * this node joined (the other nodes apply it as their message arrives).
     */
    public int join(Target target, String room) {
        return changeRooms(target, room, true);
    }

    public int leave(Target target, String room) {
        return changeRooms(target, room, false);
    }

    private int changeRooms(Target target, String room, boolean join) {
        Selection selection = selection(target);
        String name = RoomNames.room(selection.app(), room);
        List<HeraldSocket> sockets = select(namespace(target.namespace()), selection);
        int refused = 0;
        for (HeraldSocket s : sockets) {
            if (!join) s.leave(name);
            else if (!joinRoom(s, name)) refused++;
        }
        if (!selection.include().isEmpty() && !selection.bySocketId()) {
            cluster.changeRooms(selection.namespace(), selection.app(), Set.copyOf(selection.include()), Set.copyOf(selection.exclude()), Set.of(name), join);
        }
        if (refused > 0) throw new RoomLimitException(sockets.size() - refused, refused, limits.maxRoomsPerSocket());
        return sockets.size();
    }

    /** Puts a socket in one of its app's rooms within {@link SocketLimits#maxRoomsPerSocket}; false, logged, when refused. */
    private boolean joinRoom(HeraldSocket socket, String room) {
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
        Selection selection = selection(target);
        List<HeraldSocket> sockets = select(namespace(target.namespace()), selection);
        sockets.forEach(s -> s.disconnect(close));
        if (!selection.include().isEmpty() && !selection.bySocketId()) {
            cluster.disconnect(selection.namespace(), selection.app(), Set.copyOf(selection.include()), Set.copyOf(selection.exclude()), close);
        }
        return sockets.size();
    }

    /**
     * The sockets of the target on every node: this node's, then those the other nodes reported. The stage
     * completes when every node answered or the cluster's request timeout passed ({@code complete} false).
     */
    public CompletionStage<ClusterLink.Gathered<List<SocketView>>> socketsEverywhere(Target target) {
        Selection selection = selection(target);
        List<SocketView> views = new ArrayList<>();
        for (HeraldSocket s : select(namespace(target.namespace()), selection)) {
            views.add(new SocketView(s.id(), selection.namespace(), s.transport(), rooms(s), userKeys(s), true));
        }
        if (selection.include().isEmpty()) return CompletableFuture.completedFuture(new ClusterLink.Gathered<>(views, true));
        return cluster.fetchSockets(selection.namespace(), selection.app(), Set.copyOf(selection.include()), Set.copyOf(selection.exclude()))
                .thenApply(remote -> {
                    for (ClusterLink.RemoteSocket r : remote.value()) {
                        if (!selection.app().equals(r.data().get("app"))) continue; // another app's socket, by id
                        Object transport = r.data().get("transport");
                        views.add(new SocketView(r.id(), selection.namespace(), transport == null ? null : transport.toString(),
                                stripped(r.rooms(), RoomNames.roomPrefix(selection.app())),
                                stripped(r.rooms(), RoomNames.userPrefix(selection.app())), false));
                    }
                    return new ClusterLink.Gathered<>(views, remote.complete());
                });
    }

    /** A socket as the API lists it; {@code local} tells whether it is connected to this node. */
    public record SocketView(String id, String namespace, String transport, Set<String> rooms, Set<String> users, boolean local) {}

    /** Counts for one app across all nodes: sockets summed, users and rooms counted once each. */
    public CompletionStage<ClusterLink.Gathered<Stats>> statsEverywhere(String appId) {
        if (cluster == ClusterLink.NONE) return CompletableFuture.completedFuture(new ClusterLink.Gathered<>(stats(appId), true));
        List<CompletableFuture<ClusterLink.Gathered<List<SocketView>>>> perNamespace = new ArrayList<>();
        for (Namespace ns : server.namespaces()) {
            perNamespace.add(socketsEverywhere(Target.everyone().inApp(appId).in(ns.name())).toCompletableFuture());
        }
        return CompletableFuture.allOf(perNamespace.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            int sockets = 0;
            boolean complete = true;
            Set<String> users = new java.util.HashSet<>(), rooms = new java.util.HashSet<>();
            for (var answer : perNamespace) {
                ClusterLink.Gathered<List<SocketView>> gathered = answer.join();
                complete &= gathered.complete();
                sockets += gathered.value().size();
                for (SocketView view : gathered.value()) {
                    users.addAll(view.users());
                    rooms.addAll(view.rooms());
                }
            }
            return new ClusterLink.Gathered<>(new Stats(sockets, users.size(), rooms.size()), complete);
        });
    }

    /** Connects this registry to the other nodes; until then (and with a single node) it is {@link ClusterLink#NONE}. */
    public void attachCluster(ClusterLink link) {
        this.cluster = link == null ? ClusterLink.NONE : link;
    }

    public ClusterStatus clusterStatus() {
        return cluster.status();
    }

    /**
     * Binds a socket to a user key of its app: it receives what is sent to that user. Returns false, binding
     * nothing, when the socket is bound to {@link SocketLimits#maxUsersPerSocket} other keys already.
     */
    public boolean bindUser(HeraldSocket socket, String key) {
        String app = appOf(socket).id();
        if (!socket.joinWithin(RoomNames.user(app, checkKey(key)), RoomNames.userPrefix(app), limits.maxUsersPerSocket())) {
            ProtocolLog.refusal("Herald: " + socket + " is bound to " + limits.maxUsersPerSocket()
                    + " user keys already (herald.maxUsersPerSocket); not binding another");
            return false;
        }
        socket.join(RoomNames.registered(app));
        for (BindingListener listener : bindingListeners) listener.onBound(socket, key);
        return true;
    }

    /** The limits on what one socket may hold. */
    public SocketLimits limits() {
        return limits;
    }

    public void unbindUser(HeraldSocket socket, String key) {
        String app = appOf(socket).id();
        socket.leave(RoomNames.user(app, key));
        if (userKeys(socket).isEmpty()) socket.leave(RoomNames.registered(app));
    }

    /** Hears that a socket was bound to a user key (the CDI layer turns it into an event). */
    public interface BindingListener {
        void onBound(HeraldSocket socket, String userKey);
    }

    private final List<BindingListener> bindingListeners = new CopyOnWriteArrayList<>();

    public void addBindingListener(BindingListener listener) {
        bindingListeners.add(listener);
    }

    /** The user keys a socket is bound to. */
    public Set<String> userKeys(HeraldSocket socket) {
        return stripped(socket.rooms(), RoomNames.userPrefix(appOf(socket).id()));
    }

    /** The app rooms a socket is in (not its own room, nor its user rooms). */
    public Set<String> rooms(HeraldSocket socket) {
        return stripped(socket.rooms(), RoomNames.roomPrefix(appOf(socket).id()));
    }

    private static Set<String> stripped(Set<String> rooms, String prefix) {
        Set<String> names = new TreeSet<>();
        for (String room : rooms) if (room.startsWith(prefix)) names.add(room.substring(prefix.length()));
        return names;
    }

    /**
     * A registration token for a page of this server's own making (the backend usually computes it itself,
     * see {@link RegistrationToken}). Returns {@code [expires, token]}.
     */
    public Object[] registrationToken(String appId, String userKey, Duration validity) {
        App app = appId == null ? apps.defaultApp() : apps.byId(appId);
        if (app == null) throw new IllegalArgumentException("unknown app " + appId);
        long expires = Instant.now().plus(validity).getEpochSecond();
        return new Object[] {expires, RegistrationToken.create(app, checkKey(userKey), expires)};
    }

    public static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a user key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** Counts across all apps and namespaces. */
    public Stats stats() {
        Stats total = new Stats(0, 0, 0);
        for (App app : apps.all()) total = total.plus(stats(app.id()));
        return total;
    }

    /** Counts for one app, across its namespaces. */
    public Stats stats(String appId) {
        String everyone = RoomNames.everyone(appId);
        String users = RoomNames.userPrefix(appId);
        String rooms = RoomNames.roomPrefix(appId);
        int socketCount = 0, userCount = 0, roomCount = 0;
        for (Namespace ns : server.namespaces()) {
            socketCount += ns.members(everyone).size();
            for (String room : ns.roomNames()) {
                if (room.startsWith(users)) userCount++;
                else if (room.startsWith(rooms)) roomCount++;
            }
        }
        return new Stats(socketCount, userCount, roomCount);
    }

    /** @param sockets connected namespace sockets; @param users distinct user keys; @param rooms app rooms */
    public record Stats(int sockets, int users, int rooms) {
        Stats plus(Stats other) {
            return new Stats(sockets + other.sockets, users + other.users, rooms + other.rooms);
        }
    }
}
