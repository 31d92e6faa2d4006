package io.herald.cdi;

import io.herald.registry.Broadcast;
import io.herald.registry.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Pushes from any bean: {@code @Inject Push push; push.toUsers("alice").emit("alert", data);}
 * Every method starts an immutable {@link Broadcast}, which can be narrowed ({@code exceptUsers},
 * {@code in(namespace)}, {@code filter(socket -> …)}) and then sent with {@code emit} or {@code emitWithAck}.
 * Sends happen at once; to send only when a transaction commits, fire a {@link PushMessage} instead.
 */
@ApplicationScoped
public class Push {
    @Inject
    HeraldBean herald;

    public Broadcast to(Target target) {
        return herald.herald().registry().to(target);
    }

    public Broadcast toUsers(String... keys) {
        return to(Target.users(keys));
    }

    public Broadcast toRooms(String... rooms) {
        return to(Target.rooms(rooms));
    }

    public Broadcast toSockets(String... ids) {
        return to(Target.sockets(ids));
    }

    public Broadcast toEveryone() {
        return to(Target.everyone());
    }

    /** Every socket bound to a user key. */
    public Broadcast toRegisteredUsers() {
        return to(Target.registeredUsers());
    }
}
