package io.herald.registry;

import io.herald.util.SharedNames;
import java.util.Set;
import java.util.TreeSet;

/**
 * How app-scoped names become Socket.IO room names. Every room of an app starts with {@code app:<id>:}, so
 * no selection made for one app can reach another app's sockets, and apps may use any room or user names.
 */
final class RoomNames {
    private RoomNames() {}

    // Every socket of an app is in its everyone room and, once registered, in its registered room: one name
    // instance per app, not one per socket (each socket's room set keeps the names it is in).
    private static final SharedNames EVERYONE = new SharedNames(1024), REGISTERED = new SharedNames(1024);

    /** The room every socket of the app is in. */
    static String everyone(String app) {
        return EVERYONE.get(app, a -> "app:" + a);
    }

    /** The room of the app's sockets that are bound to at least one user key. */
    static String registered(String app) {
        return REGISTERED.get(app, a -> "app:" + a + ":registered");
    }

    static String user(String app, String key) {
        return userPrefix(app) + key;
    }

    static String room(String app, String name) {
        return roomPrefix(app) + name;
    }

    static String userPrefix(String app) {
        return "app:" + app + ":user:";
    }

    static String roomPrefix(String app) {
        return "app:" + app + ":room:";
    }

    /** Whether a name has the registry's form ({@code app:…}) rather than being a bare name or a socket id. */
    static boolean isRegistryName(String name) {
        return name.startsWith("app:");
    }

    /** Whether a registry name is one of {@code app}'s: its everyone room or a name under {@code app:<id>:}. */
    static boolean belongsTo(String name, String app) {
        String everyone = everyone(app);
        return name.startsWith(everyone) && (name.length() == everyone.length() || name.charAt(everyone.length()) == ':');
    }

    /** The names among {@code rooms} that start with {@code prefix}, without it, sorted. */
    static Set<String> stripped(Set<String> rooms, String prefix) {
        Set<String> names = new TreeSet<>();
        for (String room : rooms) if (room.startsWith(prefix)) names.add(room.substring(prefix.length()));
        return names;
    }
}
