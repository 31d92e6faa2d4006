package io.herald.socket;

import java.util.Map;

/**
 * Decides whether a client may join a namespace, before anything is registered (socket.io's namespace
 * middleware). Returning a message refuses the connection with CONNECT_ERROR carrying it.
 */
@FunctionalInterface
public interface ConnectGuard {
    /** @return {@code null} to accept, or the refusal message */
    String check(HeraldSocket socket, Map<String, Object> auth);
}
