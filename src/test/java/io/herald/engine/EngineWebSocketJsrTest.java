package io.herald.engine;

import io.herald.config.HeraldConfig;
import io.herald.testing.HeraldTestServer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Every WebSocket test again over JSR-356 ({@code SocketIoEndpoint}), as on Tomcat and Payara, where
 * Herald's Undertow extensions are not loaded: the two paths must behave alike.
 */
class EngineWebSocketJsrTest extends EngineWebSocketTest {
    @Override
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.builder(config).servletsOnly().start();
    }

    @Override
    @Test
    @Disabled("the reading client sometimes gets no frame for 5 s while the stalled one is dropped: about 1 run in 4 "
            + "on this machine over JSR-356, also at 07b01ce; over Undertow's own API (EngineWebSocketTest, WildFly's "
            + "default) it has happened about 1 run in 10 and stays enabled there. Not yet explained")
    void stalledClientIsClosedAndDoesNotHoldUpTheOthers() {}
}
