package io.herald.conformance;

import io.herald.engine.CloseCause;
import io.herald.engine.EngineListener;
import io.herald.engine.EngineSession;
import io.herald.protocol.engine.EnginePacket;

/** The Engine.IO test suite's server: every message comes back unchanged. */
public final class EngineEchoListener implements EngineListener {
    @Override
    public void onOpen(EngineSession session) {
        session.taken(); // an echo has no joining step: a session is in use from the start
    }

    @Override
    public void onMessage(EngineSession session, String text) {
        session.send(EnginePacket.message(text));
    }

    @Override
    public void onBinary(EngineSession session, byte[] data) {
        session.send(EnginePacket.binary(data));
    }

    @Override
    public void onClose(EngineSession session, CloseCause cause) {}
}
