package io.herald.engine;

import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;

/** The same-origin tests over JSR-356, as on Tomcat and Payara. */
class SameOriginJsrTest extends SameOriginTest {
    @Override
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.builder(config).servletsOnly().start();
    }
}
