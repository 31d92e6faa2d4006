package io.herald.adapter.jsr;

import io.herald.engine.websocket.HeaderNames;
import io.herald.engine.EngineBindings;
import io.herald.engine.EngineServer;
import io.herald.util.ProtocolLog;
import io.herald.security.OriginPolicy;
import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the browser origin of a WebSocket handshake against the engine's {@link OriginPolicy} (a refused
 * origin gets HTTP 403; the request's own origin, through trusted proxies, is never foreign), and copies the request's headers into the connection's user properties: JSR-356
 * shows them only during the handshake, and the application reads them later (cookies, language).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {
    static final String HEADERS = "io.herald.handshake.headers";
    static final String REMOTE_ADDRESS = "io.herald.handshake.remoteAddress";

    /** The path whose engine's policy applies; endpoints at other paths override it. */
    protected String enginePath() {
        return SocketIoEndpoint.PATH;
    }

    @Override
    public boolean checkOrigin(String origin) {
        EngineServer engine = EngineBindings.get(enginePath());
        if (engine == null || engine.options().origins().allows(origin)) return true;
        RequestSource source = UpgradeRequests.current(engine.options().trustedProxies());
        if (source != null && source.isOwnOrigin(origin)) return true;
        ProtocolLog.refusal("refused a WebSocket from origin " + origin + ": add it to herald.allowedOrigins to allow it");
        return false;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> {
            if (name != null) headers.put(HeaderNames.lowerCase(name), List.copyOf(values));
        });
        config.getUserProperties().put(HEADERS, headers);
        EngineServer engine = EngineBindings.get(enginePath());
        RequestSource source = UpgradeRequests.current(engine == null ? TrustedProxies.NONE : engine.options().trustedProxies());
        if (source != null && source.address() != null) config.getUserProperties().put(REMOTE_ADDRESS, source.address());
    }
}
