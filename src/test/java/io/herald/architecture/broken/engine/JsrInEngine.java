package io.herald.architecture.broken.engine;

/** Breaks the layering on purpose (see LayeringTest): JSR-356 outside its adapter. */
public final class JsrInEngine {
    public jakarta.websocket.Session session;
}
