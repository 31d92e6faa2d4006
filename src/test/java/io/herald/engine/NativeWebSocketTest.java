package io.herald.engine;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import io.undertow.security.idm.Account;
import io.undertow.security.idm.Credential;
import io.undertow.security.idm.IdentityManager;
import io.undertow.servlet.api.LoginConfig;
import io.undertow.servlet.api.SecurityConstraint;
import io.undertow.servlet.api.WebResourceCollection;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** When Herald leaves Undertow's own WebSocket API for JSR-356. */
class NativeWebSocketTest {

    /** Refuses every login: only the constraint's effect matters here. */
    private static final IdentityManager NOBODY = new IdentityManager() {
        @Override
        public Account verify(Account account) {
            return null;
        }

        @Override
        public Account verify(String id, Credential credential) {
            return null;
        }

        @Override
        public Account verify(Credential credential) {
            return null;
        }
    };

    @Test
    void aDeploymentWithSecurityConstraintsKeepsThemForWebSockets() {
        // The native upgrade runs before the servlet layer and would skip the constraint: it must stand aside.
        try (HeraldTestServer server = HeraldTestServer.builder(config()).customize(deployment -> deployment
                .addSecurityConstraint(new SecurityConstraint()
                        .addWebResourceCollection(new WebResourceCollection().addUrlPattern("/socket.io/*"))
                        .addRoleAllowed("push"))
                .setLoginConfig(new LoginConfig("BASIC", "herald"))
                .setIdentityManager(NOBODY)).start()) {
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket")));
            assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
            assertEquals(401, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        }
    }

    @Test
    void byDefaultUndertowServesWebSocketsNatively() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config());
             RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
            assertEquals("NativeSocket", servedBy(server, ws));
        }
    }

    @Test
    void theSettingOffServesWebSocketsThroughJsr356() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(config("herald.nativeWebSocket", "false"));
             RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"))) {
            assertEquals("JsrPeer", servedBy(server, ws));
        }
    }

    /** Joins the main namespace and names the class of the WebSocket under the session that serves it. */
    private static String servedBy(HeraldTestServer server, RawWebSocket ws) throws Exception {
        String open = ws.next();
        assertTrue(open.startsWith("0{"));
        ws.send("40");
        assertTrue(ws.next().startsWith("40{"));
        String sid = (String) ((java.util.Map<?, ?>) io.herald.protocol.json.Json.parse(open.substring(1))).get("sid");
        Object transport = server.herald().engine().session(sid).transport();
        try {
            java.lang.reflect.Field peer = transport.getClass().getDeclaredField("ws");
            peer.setAccessible(true);
            return peer.get(transport).getClass().getSimpleName();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("the WebSocket transport has no peer field 'ws'", e);
        }
    }
}
