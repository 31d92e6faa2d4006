package io.herald.registry;

import io.herald.protocol.socket.EncodedPacket;
import io.herald.protocol.socket.SocketEncoder;
import io.herald.protocol.socket.SocketPacket;
import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import io.herald.socket.SocketServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The live sockets, their rooms and user keys, and the one way to push to them. Everything that sends
 * (the emit API, CDI, cluster messages) goes through {@link #emit}; a user key is a room named
 * {@link #userRoom}, so users, rooms and sockets are selected by one mechanism. Thread-safe.
 */
public final class Registry {
    /** Prefix of the room that holds a user's sockets; apps never need to write it themselves. */
    public static final String USER_ROOM_PREFIX = "user:";
    public static final int MAX_KEY_LENGTH = 256;

    private final SocketServer server;

    public Registry(SocketServer server) {
        this.server = server;
    }

    public static String userRoom(String key) {
        return USER_ROOM_PREFIX + key;
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

    /** The sockets a target selects now. */
    public List<HeraldSocket> sockets(Target target) {
        Namespace namespace = namespace(target.namespace());
        List<String> include = null;
        if (!target.all()) {
            include = new ArrayList<>(target.rooms());
            for (String key : target.users()) include.add(userRoom(key));
            include.addAll(target.sockets()); // every socket is in the room named by its id
        }
        List<String> exclude = new ArrayList<>(target.exceptRooms());
        for (String key : target.exceptUsers()) exclude.add(userRoom(key));
        exclude.addAll(target.exceptSockets());
        return namespace.select(include, exclude);
    }

    /**
     * Sends an event to every socket of the target, encoding it once. Returns how many sockets it reached.
     */
    public int emit(Target target, String event, Object... args) {
        List<HeraldSocket> recipients = sockets(target);
        if (recipients.isEmpty()) return 0;
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        EncodedPacket packet = SocketEncoder.encode(SocketPacket.event(target.namespace(), data, SocketPacket.NO_ACK));
        return namespace(target.namespace()).deliver(recipients, packet);
    }

    /** Puts every socket of the target in a room; returns how many. */
    public int join(Target target, String room) {
        List<HeraldSocket> sockets = sockets(target);
        sockets.forEach(s -> s.join(room));
        return sockets.size();
    }

    public int leave(Target target, String room) {
        List<HeraldSocket> sockets = sockets(target);
        sockets.forEach(s -> s.leave(room));
        return sockets.size();
    }

    /** Disconnects every socket of the target; with {@code close} their whole connections close too. */
    public int disconnect(Target target, boolean close) {
        List<HeraldSocket> sockets = sockets(target);
        sockets.forEach(s -> s.disconnect(close));
        return sockets.size();
    }

    /** Binds a socket to a user key: it joins the user's room and receives what is sent to the user. */
    public void bindUser(HeraldSocket socket, String key) {
        socket.join(userRoom(checkKey(key)));
    }

    public void unbindUser(HeraldSocket socket, String key) {
        socket.leave(userRoom(key));
    }

    /** The user keys a socket is bound to. */
    public static Set<String> userKeys(HeraldSocket socket) {
        Set<String> keys = new TreeSet<>();
        for (String room : socket.rooms()) {
            if (room.startsWith(USER_ROOM_PREFIX)) keys.add(room.substring(USER_ROOM_PREFIX.length()));
        }
        return keys;
    }

    public static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a user key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** Counts across all namespaces. */
    public Stats stats() {
        int sockets = 0, rooms = 0, users = 0;
        for (Namespace ns : server.namespaces()) {
            sockets += ns.size();
            for (String room : ns.roomNames()) {
                if (room.startsWith(USER_ROOM_PREFIX)) users++;
                else if (ns.socket(room) == null) rooms++; // a socket's own room is not counted
            }
        }
        return new Stats(sockets, users, rooms);
    }

    /** @param sockets connected namespace sockets; @param users distinct user keys; @param rooms other rooms */
    public record Stats(int sockets, int users, int rooms) {}
}
