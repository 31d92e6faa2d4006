package io.herald.adapter.jsr;

import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import io.herald.adapter.servlet.ServletRequestSource;
import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Remembers the WebSocket upgrade request being handled on this thread for the handshake that follows on it:
 * JSR-356 shows the handshake's headers but not who sent them nor over which scheme, and containers run request
 * listeners for upgrade requests too, before their WebSocket filter takes over.
 */
@WebListener
public class UpgradeRequests implements ServletRequestListener {
    /** Set and cleared by the request's own thread, for the length of the request; a copy, as containers recycle requests. */
    private static final ThreadLocal<ServletRequestSource.Snapshot> REQUEST = new ThreadLocal<>();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            REQUEST.set(ServletRequestSource.snapshot(request));
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        REQUEST.remove();
    }

    /** Where the upgrade request being handled on this thread came from, or {@code null} when none is known. */
    static RequestSource current(TrustedProxies proxies) {
        ServletRequestSource.Snapshot request = REQUEST.get();
        return request == null ? null : request.resolve(proxies);
    }
}
