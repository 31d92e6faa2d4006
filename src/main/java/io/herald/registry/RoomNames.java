package io.herald.registry;

/**
 * How app-scoped names become Socket.IO room names. Every room of an app starts with {@code app:<id>:}, so
 * no selection made for one app can reach another app's sockets, and apps may use any room or user names.
 */
final class RoomNames {
    private RoomNames() {}

    /** The room every socket of the app is in. */
    static String everyone(String app) {
        return "app:" + app;
    }

    /** The room of the app's sockets that are bound to at least one user key. */
    static String registered(String app) {
        return "app:" + app + ":registered";
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
