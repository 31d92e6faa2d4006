package io.herald.push;

/**
 * Pushes from any bean: {@code @Inject Push push; push.toUsers("alice").emit("alert", data);}
 * Every method starts an immutable {@link Broadcast}, which can be narrowed ({@code exceptUsers},
 * {@code in(namespace)}, {@code filter(socket -> …)}) and then sent with {@code emit} or {@code emitWithAck}.
 * Sends happen at once; to send only when a transaction commits, fire a {@link PushMessage} instead.
 * Herald provides the bean (application scoped); without CDI, {@code herald.registry()::to} is one.
 */
public interface Push {

    /** A push to a target. */
    Broadcast to(Target target);

    /** A push to the sockets bound to these user keys. */
    default Broadcast toUsers(String... keys) {
        return to(Target.users(keys));
    }

    /** A push to the sockets in these rooms. */
    default Broadcast toRooms(String... rooms) {
        return to(Target.rooms(rooms));
    }

    /** A push to the sockets with these ids. */
    default Broadcast toSockets(String... ids) {
        return to(Target.sockets(ids));
    }

    /** A push to every socket (of the main namespace, unless narrowed with {@code in}). */
    default Broadcast toEveryone() {
        return to(Target.everyone());
    }

    /** A push to every socket bound to a user key. */
    default Broadcast toRegisteredUsers() {
        return to(Target.registeredUsers());
    }
}
