package io.herald.conformance;

import io.herald.adapter.jsr.HandshakeConfigurator;

/** Applies the echo engine's settings to WebSocket handshakes at {@code /engine.io/}. */
public class EngineEchoConfigurator extends HandshakeConfigurator {
    @Override
    protected String enginePath() {
        return EngineEchoEndpoint.PATH;
    }
}
