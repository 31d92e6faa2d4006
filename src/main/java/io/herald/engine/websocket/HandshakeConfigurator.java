package io.herald.engine.websocket;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies the HTTP upgrade request's headers into the connection's user properties: JSR-356 shows them
 * only during the handshake, and the application sees them later (cookies, language, user agent).
 */
public class HandshakeConfigurator extends ServerEndpointConfig.Configurator {
    static final String HEADERS = "io.herald.handshake.headers";

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Map<String, List<String>> headers = new HashMap<>();
        request.getHeaders().forEach((name, values) -> {
            if (name != null) headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values));
        });
        config.getUserProperties().put(HEADERS, headers);
    }
}
