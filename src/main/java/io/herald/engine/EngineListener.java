package io.herald.engine;

/**
 * Receives what happens on Engine.IO sessions: the Socket.IO layer in production, an echo in the
 * conformance server. Calls for one session never overlap and come in arrival order.
 */
public interface EngineListener {

    void onOpen(EngineSession session);

    void onMessage(EngineSession session, String text);

    void onBinary(EngineSession session, byte[] data);

    /** Called once, after the session left the server's table. */
    void onClose(EngineSession session, CloseCause cause);
}
