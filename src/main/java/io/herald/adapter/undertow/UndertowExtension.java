package io.herald.adapter.undertow;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import jakarta.servlet.ServletContext;
import java.util.logging.Logger;

/**
 * Herald's one registration with Undertow (WildFly, or any Undertow deployment), found through
 * {@code META-INF/services/io.undertow.servlet.ServletExtension}; other containers never load it. It puts
 * two handlers in front of the servlet layer:
 * <ul>
 *   <li>{@link DoitFastPath}: the doit-socket {@code /emit}, answered on the I/O thread;</li>
 *   <li>{@link NativeUpgrade}: Herald's WebSockets without Undertow's JSR-356 layer. Undertow answers the
 *       handshake, and Herald reads, writes and closes the upgraded connection itself ({@link NativeSocket}),
 *       with the same frames and the same {@code WebSocketConnection} behind them, but without the servlet
 *       request, the JSR-356 session and Undertow's WebSocket channel kept for every open socket.</li>
 * </ul>
 * The upgrade is taken before the servlet layer, so a deployment that declares security constraints keeps
 * JSR-356 ({@code io.herald.adapter.jsr}), which applies them; {@code herald.nativeWebSocket=false} keeps it too.
 */
public final class UndertowExtension implements ServletExtension {
    private static final Logger LOG = Logger.getLogger(UndertowExtension.class.getName());

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.addInitialHandlerChainWrapper(next -> new DoitFastPath(next, context));
        if (!deployment.getSecurityConstraints().isEmpty()) {
            LOG.info("the deployment declares security constraints: Herald's WebSockets go through JSR-356, which applies them");
            return;
        }
        deployment.addInitialHandlerChainWrapper(next -> new NativeUpgrade(next, context));
    }
}
