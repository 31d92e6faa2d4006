package io.herald.registry;

import io.herald.push.Target;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Turns targets, and the room names of cluster messages, into this node's sockets, always within one app:
 * what {@link Registry}, {@link ClusterInbound} and {@link SocketStats} select. Stateless but for the apps.
 */
final class Selector {
    private final Apps apps;

    Selector(Apps apps) {
        this.apps = apps;
    }

    /** The app a socket belongs to. */
    App appOf(HeraldSocket socket) {
        App app = apps.byId(socket.attribute(Registry.APP_ATTRIBUTE));
        return app != null ? app : apps.defaultApp();
    }

    Selection selection(Target target) {
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

    private String appId(Target target) {
        if (target.app() == null) return apps.defaultApp().id();
        if (apps.byId(target.app()) == null) throw new IllegalArgumentException("unknown app " + target.app());
        return target.app();
    }

    /** The sockets of a namespace that a selection selects now. */
    List<HeraldSocket> select(Namespace namespace, Selection selection) {
        if (selection.selectsNobody()) return new ArrayList<>();
        if (!selection.bySocketId()) return namespace.select(selection.include(), selection.exclude());
        return forApp(namespace, selection.include(), selection.exclude(), selection.app());
    }

    /** The sockets of one app among those the names select (a bare socket id may be any app's socket). */
    List<HeraldSocket> forApp(Namespace namespace, Collection<String> include, Collection<String> exclude, String app) {
        if (include.isEmpty()) return new ArrayList<>();
        List<HeraldSocket> recipients = namespace.select(include, exclude);
        recipients.removeIf(s -> !app.equals(appOf(s).id()));
        return recipients;
    }

    /**
     * The app a cluster message acts for: the one it names, or the default app when it names none (socket.io
     * emitters); {@code null} for an app this node does not know, whose message then acts on nothing.
     */
    String clusterApp(String named) {
        if (named == null) return apps.defaultApp().id();
        return apps.byId(named) != null ? named : null;
    }

    /** The sockets of one app that a cluster message's names select; no names at all select everyone of the app. */
    List<HeraldSocket> fromCluster(Namespace namespace, String app, Set<String> rooms, Set<String> except) {
        List<String> include = ClusterNames.selecting(rooms, app);
        if (include.isEmpty() && rooms.isEmpty()) include.add(RoomNames.everyone(app));
        return forApp(namespace, include, ClusterNames.selecting(except, app), app);
    }
}
