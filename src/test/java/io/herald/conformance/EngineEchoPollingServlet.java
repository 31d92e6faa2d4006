package io.herald.conformance;

import io.herald.adapter.servlet.PollingServlet;

/** Long-polling for the Engine.IO echo at {@code /engine.io/}. Test code only. */
public class EngineEchoPollingServlet extends PollingServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected String enginePath() {
        return EngineEchoEndpoint.PATH;
    }
}
