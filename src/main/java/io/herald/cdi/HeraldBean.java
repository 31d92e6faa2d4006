package io.herald.cdi;

import io.herald.Herald;
import io.herald.config.HeraldConfig;
import io.herald.push.ClientEvent;
import io.herald.push.Push;
import io.herald.registry.Registry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

/**
 * Starts Herald when the application starts (so the WebSocket endpoint finds it before the first client),
 * connects its sockets to CDI events ({@link ClientEvent} and the lifecycle events), stops it on undeploy,
 * and makes the {@link Registry} injectable (Herald's own; applications use {@link Push}).
 */
@ApplicationScoped
public class HeraldBean {
    private volatile Herald herald; // written once, under the lock; read without it on every push

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        herald(); // eager start
    }

    @Inject
    BeanManager beanManager;

    /** The running instance, started on first use with the settings from system properties and environment. */
    public Herald herald() {
        Herald running = herald;
        if (running != null) return running;
        synchronized (this) {
            if (herald == null) {
                Herald started = Herald.start(HeraldConfig.fromSystem());
                CdiBridge bridge = new CdiBridge(beanManager, started.registry());
                started.sockets().namespaces().forEach(ns -> ns.addListener(bridge));
                started.registry().users().addListener(bridge);
                herald = started;
            }
            return herald;
        }
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

    /** Closes the running Herald of this application, if CDI has started one (idempotent). */
    static void closeIfStarted() {
        try {
            CDI.current().select(HeraldBean.class).get().closeNow();
        } catch (IllegalStateException noCdi) {
            // CDI is already gone: HeraldBean's own shutdown closed Herald
        }
    }

    private void closeNow() {
        Herald running = herald;
        if (running != null) running.close(); // stop() forgets it later
    }
}
