package io.herald.cdi;

import io.herald.push.Broadcast;
import io.herald.push.Push;
import io.herald.push.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** The {@link Push} that beans inject: the broadcasts of this application's running Herald. */
@ApplicationScoped
public class HeraldPush implements Push {
    @Inject
    HeraldBean herald;

    @Override
    public Broadcast to(Target target) {
        return herald.herald().registry().to(target);
    }
}
