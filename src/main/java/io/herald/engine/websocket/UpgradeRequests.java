package io.herald.engine.websocket;

import jakarta.servlet.ServletRequestEvent;
import jakarta.servlet.ServletRequestListener;
import jakarta.servlet.annotation.WebListener;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Remembers the peer address of a WebSocket upgrade request for the handshake that follows on the same
 * thread: JSR-356 shows the handshake's headers but not who sent them, and containers run request
 * listeners for upgrade requests too, before their WebSocket filter takes over.
 */
@WebListener
public class UpgradeRequests implements ServletRequestListener {
    private static final ThreadLocal<String> REMOTE_ADDRESS = new ThreadLocal<>();

    @Override
    public void requestInitialized(ServletRequestEvent event) {
        if (event.getServletRequest() instanceof HttpServletRequest request
                && "websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            REMOTE_ADDRESS.set(request.getRemoteAddr());
        }
    }

    @Override
    public void requestDestroyed(ServletRequestEvent event) {
        REMOTE_ADDRESS.remove();
    }

    /** The address of the upgrade request being handled on this thread, or {@code null}. */
    static String currentRemoteAddress() {
        return REMOTE_ADDRESS.get();
    }
}
