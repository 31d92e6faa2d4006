package io.herald.engine.websocket;

import io.herald.engine.EngineServer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link EngineServer} serves which WebSocket endpoint path. The container creates endpoint instances
 * itself, so the application binds its engine here when it starts and unbinds it when it stops. Static
 * state is per web application, since each WAR loads this class with its own class loader.
 */
public final class EngineEndpoints {
    private static final Map<String, EngineServer> BY_PATH = new ConcurrentHashMap<>();

    private EngineEndpoints() {}

    public static void bind(String path, EngineServer engine) {
        BY_PATH.put(path, engine);
    }

    public static void unbind(String path, EngineServer engine) {
        BY_PATH.remove(path, engine);
    }

    /** The engine for an endpoint path, or {@code null} while none is bound. */
    public static EngineServer get(String path) {
        return BY_PATH.get(path);
    }
}
