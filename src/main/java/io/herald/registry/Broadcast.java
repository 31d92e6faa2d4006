package io.herald.registry;

import io.herald.socket.HeraldSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A push being aimed: an immutable target, optionally narrowed by a filter over the sockets themselves
 * (their attributes, say), then sent. Every method that aims returns a new object, so a partly aimed
 * broadcast can be kept and reused.
 *
 * <pre>
 * registry.to(Target.rooms("editors")).exceptUsers("bob").emit("draft:changed", draft);
 * registry.to(Target.everyone()).filter(s -> "admin".equals(s.attribute("role"))).emit("alert", text);
 * </pre>
 */
public final class Broadcast {
    private final Registry registry;
    private final Target target;
    private final Predicate<HeraldSocket> filter; // null: every socket of the target

    Broadcast(Registry registry, Target target, Predicate<HeraldSocket> filter) {
        this.registry = registry;
        this.target = target;
        this.filter = filter;
    }

    public Target target() {
        return target;
    }

    public Broadcast toUsers(String... keys) {
        return with(target.toUsers(Arrays.asList(keys)));
    }

    public Broadcast toRooms(String... rooms) {
        return with(target.toRooms(Arrays.asList(rooms)));
    }

    public Broadcast toSockets(String... ids) {
        return with(target.toSockets(Arrays.asList(ids)));
    }

    public Broadcast exceptUsers(String... keys) {
        return with(target.exceptUsers(keys));
    }

    public Broadcast exceptRooms(String... rooms) {
        return with(target.exceptRooms(rooms));
    }

    public Broadcast exceptSockets(String... ids) {
        return with(target.exceptSockets(ids));
    }

    /** The same push in another namespace. */
    public Broadcast in(String namespace) {
        return with(target.in(namespace));
    }

    /** The same push in another app (by id). */
    public Broadcast inApp(String appId) {
        return with(target.inApp(appId));
    }

    /** Only the sockets that pass {@code test} as well; filters combine with "and". */
    public Broadcast filter(Predicate<HeraldSocket> test) {
        return new Broadcast(registry, target, filter == null ? test : filter.and(test));
    }

    private Broadcast with(Target next) {
        return new Broadcast(registry, next, filter);
    }

    /** The sockets this push would reach now. */
    public List<HeraldSocket> sockets() {
        List<HeraldSocket> sockets = registry.sockets(target);
        if (filter != null) sockets.removeIf(filter.negate());
        return sockets;
    }

    /** Sends the event, encoded once; returns how many sockets it reached. */
    public int emit(String event, Object... args) {
        if (filter == null) return registry.emit(target, event, args);
        return registry.emit(sockets(), target.namespace(), event, args);
    }

    /**
     * Sends the event to each socket and waits for their acknowledgements: the stage completes with one
     * list of arguments per socket that answered within {@code timeout} (sockets that did not answer are left
     * out, as socket.io leaves them out). Each socket needs its own ack id, so each gets its own encoding.
     */
    public CompletionStage<List<List<Object>>> emitWithAck(String event, Duration timeout, Object... args) {
        List<CompletableFuture<List<Object>>> answers = new ArrayList<>();
        for (HeraldSocket socket : sockets()) {
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
}
