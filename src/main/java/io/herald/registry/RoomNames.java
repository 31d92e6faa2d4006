package io.herald.registry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How app-scoped names become Socket.IO room names. Every room of an app starts with {@code app:<id>:}, so
 * no selection made for one app can reach another app's sockets, and apps may use any room or user names.
 */
final class RoomNames {
    private RoomNames() {}

    /*
     * Every socket of an app is in its everyone room and, once registered, in its registered room: one name
     * instance per app, not one per socket (each socket's room set keeps the names it is in).
     */
    private static final int MAX_CACHED_APPS = 1024;
    private static final Map<String, String> EVERYONE = new ConcurrentHashMap<>();
    private static final Map<String, String> REGISTERED = new ConcurrentHashMap<>();

    /** The room every socket of the app is in. */
    static String everyone(String app) {
        return shared(EVERYONE, app, "app:" + app);
    }

    /** The room of the app's sockets that are bound to at least one user key. */
    static String registered(String app) {
        return shared(REGISTERED, app, "app:" + app + ":registered");
    }

    private static String shared(Map<String, String> names, String app, String name) {
        String known = names.get(app);
        if (known != null) return known;
        if (names.size() >= MAX_CACHED_APPS) return name;
        known = names.putIfAbsent(app, name);
        return known == null ? name : known;
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
}
