package io.herald.push;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A push being aimed (socket.io's broadcast operator): an immutable {@link Target}, optionally narrowed by a
 * filter over the sockets themselves (their attributes, say), then sent. Every method that aims returns a new
 * object, so a partly aimed broadcast can be kept and reused.
 *
 * <pre>
 * push.toRooms("editors").exceptUsers("bob").emit("draft:changed", draft);
 * push.toEveryone().filter(s -&gt; "admin".equals(s.attribute("role"))).emit("alert", text);
 * </pre>
 *
 * Without a filter, {@link #emit}, {@link #join}, {@link #leave} and {@link #disconnect} reach the sockets of
 * every node of a cluster; a filter (a predicate cannot travel) and {@link #emitWithAck} keep them on this node.
 */
public interface Broadcast {

    /** What this broadcast is aimed at (without its filter). */
    Target target();

    /** The same push, to the sockets bound to these user keys as well. */
    Broadcast toUsers(String... keys);

    /** The same push, to the sockets in these rooms as well. */
    Broadcast toRooms(String... rooms);

    /** The same push, to the sockets with these ids as well. */
    Broadcast toSockets(String... ids);

    /** The same push, but not to the sockets bound to these user keys. */
    Broadcast exceptUsers(String... keys);

    /** The same push, but not to the sockets in these rooms. */
    Broadcast exceptRooms(String... rooms);

    /** The same push, but not to the sockets with these ids. */
    Broadcast exceptSockets(String... ids);

    /** The same push in another namespace ({@code "/admin"}). */
    Broadcast in(String namespace);

    /** The same push in another app (by id). */
    Broadcast inApp(String appId);

    /** Only the sockets that pass {@code test} as well; filters combine with "and". */
    Broadcast filter(Predicate<PushSocket> test);

    /** The sockets of this node that this push would reach now. */
    List<PushSocket> sockets();

    /** Sends the event, encoded once; returns how many sockets of this node it reached. */
    int emit(String event, Object... args);

    /**
     * Sends the event to each socket and waits for their acknowledgements: the stage completes with one
     * list of arguments per socket that answered within {@code timeout} (sockets that did not answer are left
     * out, as socket.io leaves them out). The arguments come in the order of {@link PushSocket#emitWithAck}.
     */
    CompletionStage<List<List<Object>>> emitWithAck(Duration timeout, String event, Object... args);

    /**
     * Puts the sockets into a room (socket.io's {@code socketsJoin}); returns how many of this node's joined.
     *
     * @throws RoomLimitException when some sockets are in {@code herald.maxRoomsPerSocket} rooms already (the
     *                            others join; it says how many did)
     */
    int join(String room);

    /** Takes the sockets out of a room (socket.io's {@code socketsLeave}); returns how many of this node's left. */
    int leave(String room);

    /**
     * Disconnects the sockets from their namespace (socket.io's {@code disconnectSockets}); with {@code close},
     * their whole connections close. Returns how many of this node's were disconnected.
     */
    int disconnect(boolean close);
}
