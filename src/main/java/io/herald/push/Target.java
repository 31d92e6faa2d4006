package io.herald.push;

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
 *
 * @param app           the app's id; {@code null} for the default app
 * @param namespace     the namespace, {@value #DEFAULT_NAMESPACE} unless set
 * @param all           whether every socket of the namespace is selected
 * @param registered    whether every socket bound to a user key is selected
 * @param rooms         rooms whose sockets are selected
 * @param users         user keys whose sockets are selected
 * @param sockets       socket ids selected
 * @param exceptRooms   rooms whose sockets are left out
 * @param exceptUsers   user keys whose sockets are left out
 * @param exceptSockets socket ids left out
 */
public record Target(String app, String namespace, boolean all, boolean registered, Set<String> rooms, Set<String> users, Set<String> sockets,
                     Set<String> exceptRooms, Set<String> exceptUsers, Set<String> exceptSockets) {
    /** Socket.IO's main namespace, where a target is unless {@link #in} says otherwise. */
    public static final String DEFAULT_NAMESPACE = "/";

    /** Copies the sets; a {@code null} namespace is the main one ({@value #DEFAULT_NAMESPACE}). */
    public Target {
        namespace = namespace == null ? DEFAULT_NAMESPACE : namespace;
        rooms = Set.copyOf(rooms);
        users = Set.copyOf(users);
        sockets = Set.copyOf(sockets);
        exceptRooms = Set.copyOf(exceptRooms);
        exceptUsers = Set.copyOf(exceptUsers);
        exceptSockets = Set.copyOf(exceptSockets);
    }

    private static final Target NOBODY = new Target(null, null, false, false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

    /** Every socket of the namespace. */
    public static Target everyone() {
        return new Target(null, null, true, false, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** No socket at all (what an empty selection reaches). */
    public static Target nobody() {
        return NOBODY;
    }

    /** Every socket bound to a user key (CleverStyle's "all registered users"). */
    public static Target registeredUsers() {
        return new Target(null, null, false, true, Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), Set.of());
    }

    /** The sockets bound to any of these user keys. */
    public static Target users(String... keys) {
        return NOBODY.toUsers(Arrays.asList(keys));
    }

    /** The sockets in any of these rooms. */
    public static Target rooms(String... rooms) {
        return NOBODY.toRooms(Arrays.asList(rooms));
    }

    /** The sockets with these ids. */
    public static Target sockets(String... ids) {
        return NOBODY.toSockets(Arrays.asList(ids));
    }

    /** The same selection in another app (by id). */
    public Target inApp(String appId) {
        return new Target(appId, namespace, all, registered, rooms, users, sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    /** The same selection in another namespace ({@code "/admin"}). */
    public Target in(String namespace) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    /** This selection and the sockets bound to these user keys as well. */
    public Target toUsers(Collection<String> keys) {
        return new Target(app, namespace, all, registered, rooms, plus(users, keys), sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    /** This selection and the sockets in these rooms as well. */
    public Target toRooms(Collection<String> names) {
        return new Target(app, namespace, all, registered, plus(rooms, names), users, sockets, exceptRooms, exceptUsers, exceptSockets);
    }

    /** This selection and the sockets with these ids as well. */
    public Target toSockets(Collection<String> ids) {
        return new Target(app, namespace, all, registered, rooms, users, plus(sockets, ids), exceptRooms, exceptUsers, exceptSockets);
    }

    /** This selection without the sockets bound to these user keys. */
    public Target exceptUsers(Collection<String> keys) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, exceptRooms, plus(exceptUsers, keys), exceptSockets);
    }

    /** This selection without the sockets in these rooms. */
    public Target exceptRooms(Collection<String> names) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, plus(exceptRooms, names), exceptUsers, exceptSockets);
    }

    /** This selection without the sockets with these ids. */
    public Target exceptSockets(Collection<String> ids) {
        return new Target(app, namespace, all, registered, rooms, users, sockets, exceptRooms, exceptUsers, plus(exceptSockets, ids));
    }

    /** This selection without the sockets bound to these user keys. */
    public Target exceptUsers(String... keys) {
        return exceptUsers(Arrays.asList(keys));
    }

    /** This selection without the sockets in these rooms. */
    public Target exceptRooms(String... names) {
        return exceptRooms(Arrays.asList(names));
    }

    /** This selection without the sockets with these ids. */
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
