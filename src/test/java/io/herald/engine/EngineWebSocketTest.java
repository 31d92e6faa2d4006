package io.herald.engine;

import static io.herald.testing.Eventually.waitUntil;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.HeraldConfig;
import io.herald.protocol.json.Json;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.RawWebSocket;
import java.net.http.WebSocketHandshakeException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Engine.IO v4 over a real WebSocket, spoken by hand: the handshake, the heartbeat, limits, bad input. */
class EngineWebSocketTest {
    private HeraldTestServer server;

    /** On embedded Undertow, as on WildFly: Undertow's own WebSocket API ({@code NativeSocket}). */
    HeraldTestServer start(HeraldConfig config) {
        return HeraldTestServer.start(config);
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    private RawWebSocket open() {
        return RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"));
    }

    @Test
    void openPacketCarriesExactlyTheHandshakeFields() throws Exception {
        server = start(config("herald.pingInterval", "1234", "herald.pingTimeout", "567",
                "herald.maxPayload", "4321"));
        try (RawWebSocket ws = open()) {
            String open = ws.next();
            assertEquals('0', open.charAt(0));
            @SuppressWarnings("unchecked")
            Map<String, Object> fields = (Map<String, Object>) Json.parse(open.substring(1));
            assertEquals(List.of("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"), List.copyOf(fields.keySet()));
            assertEquals(20, ((String) fields.get("sid")).length());
            assertEquals(List.of(), fields.get("upgrades"));
            assertEquals(1234L, fields.get("pingInterval"));
            assertEquals(567L, fields.get("pingTimeout"));
            assertEquals(4321L, fields.get("maxPayload"));
        }
    }

    @Test
    void serverPingsAndClosesWhenNoPongComes() {
        server = start(config("herald.pingInterval", "100", "herald.pingTimeout", "100"));
        try (RawWebSocket ws = open()) {
            ws.next(); // open
            ws.send("40");
            ws.next(); // connect
            assertEquals("2", ws.next());
            assertEquals(1000, ws.closeCode(2000), "closed after the missed pong");
            assertEquals(0, server.herald().engine().size());
        }
    }

    @Test
    void answeredPingsKeepTheSessionOpen() throws Exception {
        server = start(config("herald.pingInterval", "50", "herald.pingTimeout", "100"));
        try (RawWebSocket ws = open()) {
            ws.next();
            int pings = 0;
            long until = System.currentTimeMillis() + 600;
            while (System.currentTimeMillis() < until) {
                Object frame = ws.poll(100);
                if ("2".equals(frame)) {
                    pings++;
                    ws.send("3");
                }
            }
            assertTrue(pings >= 5, "pinged every 50 ms, got " + pings);
            assertNull(ws.closeCode(10), "still open");
            assertEquals(1, server.herald().engine().size());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"EIO=5&transport=websocket", "transport=websocket", "EIO=3&transport=websocket",
            "EIO=4&transport=carrier-pigeon", "EIO=4&transport=polling", "EIO=4&transport=websocket&sid=unknown"})
    void badHandshakeParametersAreRefused(String query) {
        server = start(config());
        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri(query))) {
            assertEquals(1002, ws.closeCode(2000));
            assertNull(ws.poll(50), "no open packet for a refused handshake");
            assertEquals(0, server.herald().engine().size());
        }
    }

    @Test
    void messageOverMaxPayloadClosesWith1009AndOneJustUnderIsAccepted() {
        server = start(config("herald.maxPayload", "1000"));
        server.herald().sockets().namespace("/").addListener(new io.herald.socket.SocketListener() {
            @Override
            public void onEvent(io.herald.socket.HeraldSocket socket, String event, List<Object> args,
                                io.herald.socket.Ack ack) {
                if (ack != null) ack.send(((String) args.get(0)).length());
            }
        });
        try (RawWebSocket ws = open()) {
            ws.next();
            ws.send("40");
            ws.next();
            String under = "421[\"e\",\"" + "x".repeat(1000 - 11) + "\"]"; // exactly 1000 characters
            assertEquals(1000, under.length());
            ws.send(under);
            assertEquals("431[989]", ws.nextSkippingPings());
            ws.send("422[\"e\",\"" + "x".repeat(1000) + "\"]");
            assertEquals(1009, ws.closeCode(2000));
        }
    }

    /**
     * A message of 30,000 characters, far over the JSR-356 container's 8 KiB buffer, sent in 30 fragments,
     * arrives whole; one over maxPayload (40,000) in fragments closes with 1009 (issue 30 item 4).
     */
    @Test
    void aMessageInManyFragmentsArrivesWholeAndOneOverMaxPayloadClosesWith1009() {
        server = start(config("herald.maxPayload", "40000"));
        server.herald().sockets().namespace("/").addListener(new io.herald.socket.SocketListener() {
            @Override
            public void onEvent(io.herald.socket.HeraldSocket socket, String event, List<Object> args,
                                io.herald.socket.Ack ack) {
                if (ack != null) ack.send(((String) args.get(0)).length());
            }
        });
        try (RawWebSocket ws = open()) {
            ws.next();
            ws.send("40");
            ws.next();
            String[] parts = new String[32];
            parts[0] = "421[\"e\",\"";
            for (int i = 1; i <= 30; i++) parts[i] = "x".repeat(1000);
            parts[31] = "\"]";
            ws.sendFragments(parts);
            assertEquals("431[30000]", ws.nextSkippingPings());
            String[] tooMany = new String[42];
            tooMany[0] = "422[\"e\",\"";
            for (int i = 1; i <= 40; i++) tooMany[i] = "y".repeat(1000);
            tooMany[41] = "\"]";
            ws.sendFragments(tooMany);
            assertEquals(1009, ws.closeCode(2000));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x", "9", "4abc", "42{}", "42abc[\"a\"]", "42[\"a\"", "42[]", "421234567890123456789[\"a\"]",
            "451-[\"a\",{\"_placeholder\":true,\"num\":3}]", "42[\"disconnect\"]", "0", "5"})
    void malformedFrameClosesOnlyThatConnection(String garbage) {
        server = start(config());
        try (RawWebSocket good = open(); RawWebSocket bad = open()) {
            good.next();
            good.send("40");
            good.next();
            bad.next();
            bad.send("40");
            bad.next();
            bad.send(garbage);
            assertEquals(1002, bad.closeCode(2000), "closed after " + garbage);
            assertEquals(1, server.herald().registry().emit(Target.everyone(), "still", "here"));
            assertEquals("42[\"still\",\"here\"]", good.nextSkippingPings());
        }
    }

    @Test
    void aLegacyConnectWithAMalformedQueryClosesOnlyThatConnection() {
        server = start(config("herald.allowEIO3", "true", "herald.namespaces", "/admin"));
        try (RawWebSocket good = open(); RawWebSocket bad = RawWebSocket.connect(server.webSocketUri("EIO=3&transport=websocket"))) {
            good.next();
            good.send("40");
            good.next();
            bad.next();
            bad.send("40/admin?token=%zz"); // v2/v3 clients put the namespace's query in the packet: not decodable
            assertEquals(1002, bad.closeCode(2000), "closed as a protocol error");
            assertEquals(1, server.herald().registry().emit(Target.everyone(), "still", "here"));
            assertEquals("42[\"still\",\"here\"]", good.nextSkippingPings());
        }
    }

    @Test
    void clientsThatVanishWithoutACloseFrameAreForgottenAtOnce() {
        // Long ping settings: only the end of the TCP connection can end these sessions within the test.
        server = start(config());
        var main = server.herald().sockets().namespace("/");
        for (int round = 0; round < 3; round++) {
            List<RawWebSocket> clients = new java.util.ArrayList<>();
            for (int i = 0; i < 50; i++) {
                RawWebSocket ws = open();
                ws.next();
                ws.send("40");
                ws.next();
                clients.add(ws);
            }
            server.herald().registry().emit(Target.everyone(), "busy", "x".repeat(500)); // frames in flight
            clients.forEach(RawWebSocket::abort);
            waitUntil(() -> server.herald().engine().size() == 0 && main.size() == 0);
        }
    }

    @Test
    void eventBeforeConnectClosesTheConnection() {
        server = start(config());
        try (RawWebSocket ws = open()) {
            ws.next();
            ws.send("42[\"hello\"]");
            assertEquals(1002, ws.closeCode(2000));
        }
    }

    @Test
    void connectionThatJoinsNoNamespaceInTimeIsClosed() {
        server = start(config("herald.connectTimeout", "200"));
        try (RawWebSocket ws = open()) {
            ws.next();
            assertEquals(1000, ws.closeCode(2000));
            assertEquals(0, server.herald().engine().size());
        }
    }

    @Test
    void connectAnswersWithOnlyTheSocketId() throws Exception {
        server = start(config("herald.namespaces", "/admin"));
        try (RawWebSocket ws = open()) {
            ws.next();
            ws.send("40");
            String connect = ws.next();
            assertTrue(connect.startsWith("40{"), connect);
            var main = server.herald().sockets().namespace("/");
            waitUntil(() -> main.size() == 1); // the socket is listed just after its CONNECT answer
            assertEquals(Map.of("sid", main.sockets().iterator().next().id()), Json.parse(connect.substring(2)));
            ws.send("40/admin,");
            assertTrue(ws.next().startsWith("40/admin,{\"sid\":"));
            ws.send("40/nope,");
            assertEquals("44/nope,{\"message\":\"Invalid namespace\"}", ws.next());
            ws.send("41/admin,");
            waitUntil(() -> server.herald().sockets().namespace("/admin").size() == 0);
            assertEquals(1, server.herald().sockets().namespace("/").size(), "leaving /admin keeps /");
        }
    }

    @Test
    void foreignOriginsAreRefusedWith403() {
        server = start(config("herald.allowedOrigins", "http://shop.example"));
        CompletionException refused = assertThrows(CompletionException.class, () -> RawWebSocket.connect(
                server.webSocketUri("EIO=4&transport=websocket"), "Origin", "http://evil.example"));
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
        assertEquals(403, ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode());
        try (RawWebSocket allowed = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket"),
                "Origin", "http://shop.example"); RawWebSocket noBrowser = open()) {
            assertTrue(allowed.next().startsWith("0{"));
            assertTrue(noBrowser.next().startsWith("0{"), "clients without an Origin are not browsers");
        }
    }

    @Test
    void stalledClientIsClosedAndDoesNotHoldUpTheOthers() throws Exception {
        server = start(config("herald.maxQueuedBytes", "1000000"));
        try (RawWebSocket stalled = RawWebSocket.connectStalled(server.webSocketUri("EIO=4&transport=websocket"));
             RawWebSocket reader = open()) {
            stalled.send("40");
            reader.next();
            reader.send("40");
            reader.next();
            var main = server.herald().sockets().namespace("/");
            waitUntil(() -> main.size() == 2);
            String kilobyte = "x".repeat(1000);
            int total = 20_000; // 20 MB: more than the stalled client's TCP buffers and its 1 MB queue can hold
            // The emitter stays at most 300 frames (300 KB) ahead of what the reader has read, so the reader's
            // own queue never nears its 1 MB limit however slowly this machine runs it; the stalled client's
            // grows without bound. If sending to the stalled client held anything up, the reader would starve.
            AtomicInteger read = new AtomicInteger();
            Thread emitter = new Thread(() -> {
                for (int i = 0; i < total; i++) {
                    while (i - read.get() > 300) sleep(1);
                    server.herald().registry().emit(Target.everyone(), "bulk", i, kilobyte);
                }
            });
            emitter.start();
            for (int i = 0; i < total; i++) {
                assertEquals("42[\"bulk\"," + i + ",\"" + kilobyte + "\"]", reader.nextSkippingPings());
                read.set(i + 1);
            }
            emitter.join();
            waitUntil(() -> main.size() == 1);
            assertEquals(1, server.herald().engine().size(), "only the stalled client was dropped");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void undeployClosesEverySocketWithGoingAway() {
        server = start(config());
        try (RawWebSocket ws = open()) {
            ws.next();
            server.herald().close();
            assertEquals(1001, ws.closeCode(2000));
        }
    }
}
