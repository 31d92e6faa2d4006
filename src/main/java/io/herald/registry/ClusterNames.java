package io.herald.registry;

import io.herald.util.ProtocolLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the room names of a cluster message are read within the one app the message acts for. Anything that
 * can publish to the Redis can send any name, so a name of the registry's own form ({@code app:…}) counts only
 * when it is that app's; a bare name, as socket.io emitters send them, is the app's user, room and a socket id
 * at once (the caller keeps the socket to the app).
 */
final class ClusterNames {
    private ClusterNames() {}

    /** The registry names that {@code names} select in {@code app}; another app's names select nothing. */
    static List<String> selecting(Set<String> names, String app) {
        List<String> resolved = new ArrayList<>(names.size() * 3);
        for (String name : names) {
            if (RoomNames.isRegistryName(name)) {
                if (RoomNames.belongsTo(name, app)) resolved.add(name);
            } else {
                resolved.add(name); // a socket id
                resolved.add(RoomNames.user(app, name));
                resolved.add(RoomNames.room(app, name));
            }
        }
        return resolved;
    }

    /**
     * The room of {@code app} a join or leave names, or {@code null} when it names something else (another
     * app's name, or one of the app's user or everyone rooms: a join is no way to bind a user).
     */
    static String room(String name, String app) {
        if (!RoomNames.isRegistryName(name)) return RoomNames.room(app, name);
        return name.startsWith(RoomNames.roomPrefix(app)) ? name : null;
    }

    /** Logs a refused cluster request, rate-limited (anyone with access to the Redis can send them). */
    static void refused(String what) {
        ProtocolLog.refusal("Herald cluster: ignoring " + what);
    }
}
