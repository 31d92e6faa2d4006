package io.herald.cdi;

import io.herald.Herald;
import io.herald.config.HeraldConfig;
import io.herald.registry.Registry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;

/**
 * Starts Herald when the application starts (so the WebSocket endpoint finds it before the first client),
 * stops it on undeploy, and makes the {@link Registry} injectable.
 */
@ApplicationScoped
public class HeraldBean {
    private Herald herald;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        herald(); // eager start
    }

    /** The running instance, started on first use with the settings from system properties and environment. */
    public synchronized Herald herald() {
        if (herald == null) herald = Herald.start(HeraldConfig.fromSystem());
        return herald;
    }

    @Produces
    @Dependent
    Registry registry() {
        return herald().registry();
    }

    @PreDestroy
    synchronized void stop() {
        if (herald != null) {
            herald.close();
            herald = null;
        }
    }
}
