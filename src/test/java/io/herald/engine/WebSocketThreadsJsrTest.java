package io.herald.engine;

import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;

/** The same guarantees over JSR-356 with WildFly's default of running endpoints on worker threads. */
class WebSocketThreadsJsrTest extends WebSocketThreadsTest {
    @Override
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.builder(config).servletsOnly().dispatchToWorkers().start();
    }
}
