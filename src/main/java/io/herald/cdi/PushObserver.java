package io.herald.cdi;

import io.herald.push.PushMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/** Delivers the {@link PushMessage}s that beans fire: after a successful commit, or at once without one. */
@ApplicationScoped
public class PushObserver {
    @Inject
    HeraldBean herald;

    void afterSuccess(@Observes(during = TransactionPhase.AFTER_SUCCESS) PushMessage message) {
        deliver(message);
    }

    void async(@ObservesAsync PushMessage message) {
        deliver(message);
    }

    private void deliver(PushMessage message) {
        herald.herald().registry().emit(message.target(), message.event(), message.args().toArray());
    }
}
