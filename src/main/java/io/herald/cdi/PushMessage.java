package io.herald.cdi;

import io.herald.registry.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A push as a CDI event: {@code event.fire(PushMessage.of(Target.users("alice"), "alert", data))}.
 * Fired synchronously inside a JTA transaction, it is delivered after the transaction commits and never if
 * it rolls back; outside a transaction, at once. Fired with {@code fireAsync}, it is delivered at once on
 * another thread (asynchronous events do not follow transactions).
 */
public record PushMessage(Target target, String event, List<Object> args) {

    public PushMessage {
        if (target == null || event == null) throw new IllegalArgumentException("a push needs a target and an event");
        args = Collections.unmodifiableList(new ArrayList<>(args)); // null arguments are allowed, as in JSON
    }

    public static PushMessage of(Target target, String event, Object... args) {
        return new PushMessage(target, event, Arrays.asList(args));
    }
}
