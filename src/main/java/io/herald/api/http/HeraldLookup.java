package io.herald.api.http;

import io.herald.Herald;
import io.herald.cdi.HeraldBean;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;

/**
 * Finds the running Herald for servlets and resources: the CDI bean in a deployed WAR, or an instance an
 * embedding program put in the servlet context. Found once per web application, then kept in the context.
 */
public final class HeraldLookup {
    /** The servlet context attribute that holds the {@link Herald} instance. */
    public static final String ATTRIBUTE = Herald.CONTEXT_ATTRIBUTE;

    private HeraldLookup() {}

    public static Herald from(ServletContext context) {
        if (context.getAttribute(ATTRIBUTE) instanceof Herald herald) return herald;
        Herald herald = CDI.current().select(HeraldBean.class).get().herald();
        context.setAttribute(ATTRIBUTE, herald);
        return herald;
    }
}
