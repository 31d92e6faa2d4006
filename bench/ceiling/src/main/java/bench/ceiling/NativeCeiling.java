package bench.ceiling;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import jakarta.servlet.ServletContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Plain WebSockets at /ceiling/native on Undertow's own API (no JSR-356 layer): what Undertow itself keeps. */
public final class NativeCeiling implements ServletExtension {
    static final Map<WebSocketChannel, Boolean> CHANNELS = new ConcurrentHashMap<>();

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        WebSocketConnectionCallback callback = (WebSocketHttpExchange exchange, WebSocketChannel channel) -> {
            CHANNELS.put(channel, Boolean.TRUE);
            channel.addCloseTask(c -> CHANNELS.remove(c));
            channel.getReceiveSetter().set(new AbstractReceiveListener() { });
            channel.resumeReceives();
        };
        deployment.addInitialHandlerChainWrapper(next -> {
            WebSocketProtocolHandshakeHandler ws = new WebSocketProtocolHandshakeHandler(callback, next);
            return exchange -> {
                if ("/native".equals(exchange.getRelativePath())) ws.handleRequest(exchange);
                else next.handleRequest(exchange);
            };
        });
    }
}
