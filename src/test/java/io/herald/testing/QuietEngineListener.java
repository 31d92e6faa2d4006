package io.herald.testing;

import io.herald.engine.CloseCause;
import io.herald.engine.EngineListener;
import io.herald.engine.EngineSession;

/** An {@link EngineListener} that ignores everything: for engine tests, which override what they watch. */
public class QuietEngineListener implements EngineListener {
    @Override
    public void onOpen(EngineSession session) {}

    @Override
    public void onMessage(EngineSession session, String text) {}

    @Override
    public void onBinary(EngineSession session, byte[] data) {}

    @Override
    public void onClose(EngineSession session, CloseCause cause) {}
}
