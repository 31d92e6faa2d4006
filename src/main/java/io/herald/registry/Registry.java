package io.herald.registry;

import io.herald.protocol.socket.EncodedPacket;
import io.herald.protocol.socket.SocketEncoder;
import io.herald.protocol.socket.SocketPacket;
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

    public Registry(SocketServer server, Apps apps) {
        this.server = server;
        this.apps = apps;
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

    /** The sockets a target selects now. */
    public List<HeraldSocket> sockets(Target target) {
        Namespace namespace = namespace(target.namespace());
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
        List<HeraldSocket> selected = namespace.select(include, exclude);
        if (!target.sockets().isEmpty()) {
            selected.removeIf(s -> !app.equals(appOf(s).id())); // a socket id from another app selects nothing
        }
        return selected;
    }

    /** A fluent, immutable push to a target: {@code registry.to(Target.users("a")).exceptRooms("b").emit(…)}. */
    public Broadcast to(Target target) {
        return new Broadcast(this, target, null);
    }

    /**
     * Sends an event to every socket of the target, encoding it once. Returns how many sockets it reached.
     */
    public int emit(Target target, String event, Object... args) {
        return emit(sockets(target), target.namespace(), event, args);
    }

    /** Sends an event to these sockets of one namespace, encoding it once. */
    int emit(List<HeraldSocket> recipients, String namespace, String event, Object... args) {
        if (recipients.isEmpty()) return 0;
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        EncodedPacket packet = SocketEncoder.encode(SocketPacket.event(namespace, data, SocketPacket.NO_ACK));
        return namespace(namespace).deliver(recipients, packet);
    }

    /** Puts every socket of the target in one of its app's rooms; returns how many. */
    public int join(Target target, String room) {
        String name = RoomNames.room(appId(target), room);
        List<HeraldSocket> sockets = sockets(target);
        sockets.forEach(s -> s.join(name));
        return sockets.size();
    }

    public int leave(Target target, String room) {
        String name = RoomNames.room(appId(target), room);
        List<HeraldSocket> sockets = sockets(target);
        sockets.forEach(s -> s.leave(name));
        return sockets.size();
    }

    /** Disconnects every socket of the target; with {@code close} their whole connections close too. */
    public int disconnect(Target target, boolean close) {
        List<HeraldSocket> sockets = sockets(target);
        sockets.forEach(s -> s.disconnect(close));
        return sockets.size();
    }

    /** Binds a socket to a user key of its app: it receives what is sent to that user. */
    public void bindUser(HeraldSocket socket, String key) {
        String app = appOf(socket).id();
        socket.join(RoomNames.user(app, checkKey(key)));
        socket.join(RoomNames.registered(app));
        for (BindingListener listener : bindingListeners) listener.onBound(socket, key);
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
