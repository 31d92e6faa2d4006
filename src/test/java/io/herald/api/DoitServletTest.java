package io.herald.api;

import io.herald.api.http.DoitServlet;
import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;

/**
 * Every doit-socket test again with {@code /emit} answered by {@link DoitServlet}, as on Tomcat and Payara,
 * where Herald's Undertow fast path is not loaded: the two must answer alike.
 */
class DoitServletTest extends DoitCompatibilityTest {
    @Override
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.builder(config).servletsOnly().start();
    }
}
