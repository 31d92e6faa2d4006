package io.herald.registry;

import io.herald.push.Target;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.socket.Namespace;
import io.herald.socket.SocketServer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** How many sockets, users and rooms there are, on this node or across the cluster. Thread-safe. */
public final class SocketStats {
    private final SocketServer server;
    private final Apps apps;
    private final Registry registry;

    SocketStats(SocketServer server, Apps apps, Registry registry) {
        this.server = server;
        this.apps = apps;
        this.registry = registry;
    }

    /** Counts on this node across all apps and namespaces. */
    public Stats total() {
        Stats total = new Stats(0, 0, 0);
        for (App app : apps.all()) total = total.plus(of(app.id()));
        return total;
    }

    /** Counts on this node for one app, across its namespaces. */
    public Stats of(String appId) {
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

    /**
     * Counts for one app across all nodes: sockets summed, users and rooms counted once each. {@code complete}
     * is false when a node did not answer within the cluster's request timeout.
     */
    public CompletionStage<ClusterLink.Gathered<Stats>> everywhere(String appId) {
        if (!registry.clustered()) return CompletableFuture.completedFuture(new ClusterLink.Gathered<>(of(appId), true));
        List<CompletableFuture<ClusterLink.Gathered<List<SocketView>>>> perNamespace = new ArrayList<>();
        for (Namespace ns : server.namespaces()) {
            perNamespace.add(registry.socketsEverywhere(Target.everyone().inApp(appId).in(ns.name())).toCompletableFuture());
        }
        return CompletableFuture.allOf(perNamespace.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            int sockets = 0;
            boolean complete = true;
            Set<String> users = new HashSet<>(), rooms = new HashSet<>();
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
}
