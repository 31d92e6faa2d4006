package io.herald.architecture.broken.socket;

import io.herald.architecture.broken.registry.ServletInRegistry;

/** Breaks the layering on purpose (see LayeringTest): Undertow outside its adapter, a lower layer using a higher one. */
public final class UndertowInSocket {
    public io.undertow.server.HttpServerExchange exchange;
    public ServletInRegistry registry;
}
