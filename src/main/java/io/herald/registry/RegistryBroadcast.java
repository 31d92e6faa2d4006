package io.herald.registry;

import io.herald.push.RoomLimitException;
import io.herald.push.Broadcast;
import io.herald.push.PushSocket;
import io.herald.push.Target;
import io.herald.socket.HeraldSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * The {@link Broadcast} of a {@link Registry}: an immutable target and filter; sending goes through the
 * registry's one emit path. With a filter the sockets are chosen here, on this node.
 */
final class RegistryBroadcast implements Broadcast {
    private final Registry registry;
    private final Target target;
    private final Predicate<PushSocket> filter; // null: every socket of the target

    RegistryBroadcast(Registry registry, Target target, Predicate<PushSocket> filter) {
        this.registry = registry;
        this.target = target;
        this.filter = filter;
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public Broadcast toUsers(String... keys) {
        return with(target.toUsers(Arrays.asList(keys)));
    }

    @Override
    public Broadcast toRooms(String... rooms) {
        return with(target.toRooms(Arrays.asList(rooms)));
    }

    @Override
    public Broadcast toSockets(String... ids) {
        return with(target.toSockets(Arrays.asList(ids)));
    }

    @Override
    public Broadcast exceptUsers(String... keys) {
        return with(target.exceptUsers(keys));
    }

    @Override
    public Broadcast exceptRooms(String... rooms) {
        return with(target.exceptRooms(rooms));
    }

    @Override
    public Broadcast exceptSockets(String... ids) {
        return with(target.exceptSockets(ids));
    }

    @Override
    public Broadcast in(String namespace) {
        return with(target.in(namespace));
    }

    @Override
    public Broadcast inApp(String appId) {
        return with(target.inApp(appId));
    }

    @Override
    public Broadcast filter(Predicate<PushSocket> test) {
        return new RegistryBroadcast(registry, target, filter == null ? test : filter.and(test));
    }

    private Broadcast with(Target next) {
        return new RegistryBroadcast(registry, next, filter);
    }

    @Override
    public List<PushSocket> sockets() {
        return new ArrayList<>(selected());
    }

    /** The sockets of this node the target and the filter select now. */
    private List<HeraldSocket> selected() {
        List<HeraldSocket> sockets = registry.sockets(target);
        if (filter != null) sockets.removeIf(filter.negate()::test);
        return sockets;
    }

    @Override
    public int emit(String event, Object... args) {
        if (filter == null) return registry.emit(target, event, args);
        return registry.emit(selected(), target.namespace(), event, args);
    }

    @Override
    public CompletionStage<List<List<Object>>> emitWithAck(Duration timeout, String event, Object... args) {
        // Each socket needs its own ack id, so each gets its own encoding.
        List<CompletableFuture<List<Object>>> answers = new ArrayList<>();
        for (HeraldSocket socket : selected()) {
            answers.add(socket.emitWithAck(timeout, event, args).toCompletableFuture()
                    .exceptionally(failure -> null)); // a missing answer is left out, not a failure of all
        }
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(ignored -> {
            List<List<Object>> results = new ArrayList<>();
            for (CompletableFuture<List<Object>> answer : answers) {
                List<Object> args1 = answer.join();
                if (args1 != null) results.add(args1);
            }
            return results;
        });
    }

    @Override
    public int join(String room) {
        if (filter == null) return registry.join(target, room);
        int joined = 0, refused = 0;
        for (HeraldSocket socket : selected()) {
            try {
                joined += registry.join(one(socket), room);
            } catch (RoomLimitException atLimit) {
                refused++; // the others still join, as in an unfiltered join
            }
        }
        if (refused > 0) throw new RoomLimitException(joined, refused, registry.limits().maxRoomsPerSocket());
        return joined;
    }

    @Override
    public int leave(String room) {
        if (filter == null) return registry.leave(target, room);
        int left = 0;
        for (HeraldSocket socket : selected()) left += registry.leave(one(socket), room);
        return left;
    }

    @Override
    public int disconnect(boolean close) {
        if (filter == null) return registry.disconnect(target, close);
        List<HeraldSocket> sockets = selected();
        sockets.forEach(s -> s.disconnect(close));
        return sockets.size();
    }

    /** One socket of this broadcast, by id (a target by socket id stays on this node). */
    private Target one(HeraldSocket socket) {
        return Target.sockets(socket.id()).in(target.namespace()).inApp(target.app());
    }
}
