package io.herald.it.beans;

import io.herald.push.PushMessage;
import io.herald.push.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** A bean with no transaction anywhere: its plain {@code Event.fire} must be delivered at once. */
@ApplicationScoped
public class PlainPushes {
    @Inject
    Event<PushMessage> pushes;

    public void push(String user) {
        pushes.fire(PushMessage.of(Target.users(user), "plain-note", "no transaction"));
    }
}
