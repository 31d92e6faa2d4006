package io.herald.engine.websocket.undertow;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Serves Herald's WebSockets on Undertow (WildFly, or any Undertow deployment) without its JSR-356 layer:
 * Undertow answers the handshake, and Herald reads, writes and closes the upgraded connection itself
 * ({@link NativeUpgrade}, {@link NativeSocket}). The same frames and the same {@code WebSocketConnection}
 * behind them, but the servlet request, the JSR-356 session, the endpoint config and Undertow's WebSocket
 * channel kept for every open socket are gone: 11.9 KiB an idle connection became 4.8 in the benchmark.
 *
 * <p>Undertow finds this class through {@code META-INF/services/io.undertow.servlet.ServletExtension};
 * other containers never load it and use {@link io.herald.engine.websocket.SocketIoEndpoint}. The upgrade
 * is taken before the servlet layer, so a deployment that declares security constraints keeps JSR-356,
 * which applies them; {@code herald.nativeWebSocket=false} keeps it too.
 */
public final class UndertowWebSockets implements ServletExtension {
    private static final Logger LOG = Logger.getLogger(UndertowWebSockets.class.getName());

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        if (!deployment.getSecurityConstraints().isEmpty()) {
            LOG.info("the deployment declares security constraints: Herald's WebSockets go through JSR-356, which applies them");
            return;
        }
        deployment.addInitialHandlerChainWrapper(next -> new NativeUpgrade(next, context));
    }
}
