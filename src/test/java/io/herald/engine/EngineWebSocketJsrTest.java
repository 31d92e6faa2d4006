package io.herald.engine;

import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;

/**
 * Every WebSocket test again over JSR-356 ({@code SocketIoEndpoint}), as on Tomcat and Payara, where
 * Herald's Undertow extensions are not loaded: the two paths must behave alike.
 */
class EngineWebSocketJsrTest extends EngineWebSocketTest {
    @Override
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.builder(config).servletsOnly().start();
    }
}
