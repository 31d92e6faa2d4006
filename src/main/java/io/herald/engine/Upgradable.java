package io.herald.engine;

import io.herald.protocol.engine.EnginePacket;
import java.util.List;

/** A transport a session can leave for a better one (HTTP long-polling, for WebSocket). */
public interface Upgradable extends Transport {

    /** The client is probing another transport: release any waiting request so the client can pause. */
    void pause();

    /**
     * Answers a waiting request with a noop, if one waits. Repeated while the probe is under way: the
     * client may have taken the noop of {@link #pause} before it saw the probe's answer (they travel on
     * different connections), and then waits for one more.
     */
    void nudge();

    /** Stops this transport for good and returns, in order, what it had not delivered yet. */
    List<EnginePacket> handOver();
}
