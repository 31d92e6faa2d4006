package io.herald.architecture.broken.registry;

import io.herald.architecture.broken.socket.UndertowInSocket;

/** Breaks the layering on purpose (see LayeringTest): a neutral package using a servlet type, and half a cycle. */
public final class ServletInRegistry {
    public jakarta.servlet.http.HttpServletRequest request;
    public UndertowInSocket socket;
}
