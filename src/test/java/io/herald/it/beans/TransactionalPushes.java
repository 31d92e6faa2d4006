package io.herald.it.beans;

import io.herald.push.PushMessage;
import io.herald.push.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Pushes fired inside JTA transactions: delivered on commit, dropped on rollback. */
@ApplicationScoped
public class TransactionalPushes {
    @Inject
    Event<PushMessage> pushes;

    @Transactional
    public void pushAndCommit(String user) {
        pushes.fire(PushMessage.of(Target.users(user), "tx", "committed"));
    }

    @Transactional
    public void pushAndRollBack(String user) {
        pushes.fire(PushMessage.of(Target.users(user), "tx", "rolled back"));
        throw new IllegalStateException("roll back"); // a runtime exception rolls the transaction back
    }
}
