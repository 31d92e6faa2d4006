package io.herald.registry;

import io.herald.protocol.socket.SocketPacket;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who receives a push: an immutable selection in one namespace of one app ({@code all} marks "everyone",
 * {@code registered} every socket bound to a user; a {@code null} app is the default app). Start from {@link #everyone()},
 * {@link #users}, {@link #rooms} or {@link #sockets}; every other method returns a new target. An empty
 * selection reaches nobody; only {@link #everyone()} reaches everyone, so an empty user list in a request
 * can never turn into a broadcast.
 */
public record Target(String app, String namespace, boolean all, boolean registered, Set<String> rooms, Set<String> users, Set<String> sockets,
                     Set<String> exceptRooms, Set<String> exceptUsers, Set<String> exceptSockets) {

    public Target {
        namespace = namespace == null ? SocketPacket.DEFAULT_NAMESPACE : namespace;
        rooms = Set.copyOf(rooms);
        users = Set.copyOf(users);
        sockets = Set.copyOf(sockets);
        exceptRooms = Set.copyOf(exceptRooms);
        exceptUsers = Set.copyOf(exceptUsers);
        exceptSockets = Set.copyOf(exceptSockets);
    }

    private static final Target NOBODY = new Target(null, null, false, false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    public static Target everyone() {
        return new Target(null, null, true, false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Target nobody() {
        return NOBODY;
    }

    /** Every socket bound to a user key (CleverStyle's "all registered users"). */
    public static Target registeredUsers() {
        return new Target(null, null, false, true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    public static Target users(String... keys) {
        return NOBODY.toUsers(Arrays.asList(keys));
    }

    public static Target rooms(String... rooms) {
        return NOBODY.toRooms(Arrays.asList(rooms));
    }

    public static Target sockets(String... ids) {
        return NOBODY.toSockets(Arrays.asList(ids));
    }

    /** The same selection in another app (by id). */
    public Target inApp(String appId) {
        return new Target(appId, namespace, all, registered, rooms, users, sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    public Target in(String namespace) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    public Target toUsers(Collection<String> keys) {
        return new Target(app, namespace, all, registered, rooms, plus(users, keys), sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    public Target toRooms(Collection<String> names) {
        return new Target(app, namespace, all, registered, plus(rooms, names), users, sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    public Target toSockets(Collection<String> ids) {
        return new Target(app, namespace, all, registered, rooms, users, plus(sockets, ids), exceptRooms, exceptUsers, exceptSockets);
    }

    public Target exceptUsers(Collection<String> keys) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, exceptRooms, plus(exceptUsers, keys), exceptSockets);
    }

    public Target exceptRooms(Collection<String> names) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, plus(exceptRooms, names), exceptUsers, exceptSockets);
    }

    public Target exceptSockets(Collection<String> ids) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, exceptRooms, exceptUsers, plus(exceptSockets, ids));
    }

    public Target exceptUsers(String... keys) {
        return exceptUsers(Arrays.asList(keys));
    }

    public Target exceptRooms(String... names) {
        return exceptRooms(Arrays.asList(names));
    }

    public Target exceptSockets(String... ids) {
        return exceptSockets(Arrays.asList(ids));
    }

    private static Set<String> plus(Set<String> set, Collection<String> more) {
        if (more.isEmpty()) return set;
        Set<String> all = new LinkedHashSet<>(set);
        for (String s : more) {
            if (s == null) throw new IllegalArgumentException("null in a target");
            all.add(s);
        }
        return all;
    }
}
