package io.herald.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which {@link EngineServer} serves which path; the WebSocket endpoint and the polling servlet of one path
 * share it. The container creates endpoints and servlets itself, so the application binds its engine here
 * when it starts and unbinds it when it stops. The static state is per web application, since each WAR
 * loads this class with its own class loader.
 */
public final class EngineBindings {
    /** The path of Herald's Engine.IO server in its web application: the one the stock clients use by default. */
    public static final String SOCKET_IO_PATH = "/socket.io/";

    private static final Map<String, EngineServer> BY_PATH = new ConcurrentHashMap<>();

    private EngineBindings() {}

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
