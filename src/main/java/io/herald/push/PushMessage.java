package io.herald.push;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A push as a CDI event: {@code event.fire(PushMessage.of(Target.users("alice"), "alert", data))}.
 * Fired synchronously inside a JTA transaction, it is delivered after the transaction commits and never if
 * it rolls back; outside a transaction, at once. Fired with {@code fireAsync}, it is delivered at once on
 * another thread (asynchronous events do not follow transactions).
 *
 * @param target who receives it
 * @param event  the event name
 * @param args   the event's arguments (JSON values, maps, lists, {@code byte[]})
 */
public record PushMessage(Target target, String event, List<Object> args) {

    /** Checks the target and event and copies the arguments. */
    public PushMessage {
        if (target == null || event == null) throw new IllegalArgumentException("a push needs a target and an event");
        args = Collections.unmodifiableList(new ArrayList<>(args)); // null arguments are allowed, as in JSON
    }

    /** A push of {@code event} with these arguments to {@code target}. */
    public static PushMessage of(Target target, String event, Object... args) {
        return new PushMessage(target, event, Arrays.asList(args));
    }
}
