package io.herald.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.push.Target;
import io.herald.testing.Eventually;
import io.herald.testing.RawWebSocket;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviours the official Socket.IO / Engine.IO protocol test suites check over WebSocket, against the
 * conformance server, frame by frame.
 */
class ProtocolConformanceTest {
    private static ConformanceServer server;

    @BeforeAll
    static void start() {
        server = ConformanceServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawWebSocket socketIo() {
        RawWebSocket ws = RawWebSocket.connect(URI.create("ws://127.0.0.1:" + server.server().port()
                + "/socket.io/?EIO=4&transport=websocket"));
        assertTrue(ws.next().startsWith("0{"));
        return ws;
    }

    /** Connected to "/" with the auth echo consumed. */
    private static RawWebSocket connected() {
        RawWebSocket ws = socketIo();
        ws.send("40");
        assertTrue(ws.nextSkippingPings().startsWith("40{\"sid\":"));
        assertEquals("42[\"auth\",{}]", ws.nextSkippingPings());
        return ws;
    }

    @Test
    void engineEchoAtEngineIoPath() {
        try (RawWebSocket ws = RawWebSocket.connect(URI.create("ws://127.0.0.1:" + server.server().port()
                + "/engine.io/?EIO=4&transport=websocket"))) {
            String open = ws.next();
            assertTrue(open.startsWith("0{\"sid\":"), open);
            assertTrue(open.contains("\"pingInterval\":300,\"pingTimeout\":200,\"maxPayload\":1000000"), open);
            ws.send("4hello");
            assertEquals("4hello", ws.nextSkippingPings());
            ws.sendBinary(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, ws.nextBinary());
        }
    }

    @Test
    void heartbeatPingsEvery300Ms() {
        try (RawWebSocket ws = socketIo()) {
            long start = System.currentTimeMillis();
            ws.send("40"); // joined, so the 1 s connect timeout cannot end the session between pings
            String frame;
            do {
                frame = ws.next();
            } while (!frame.equals("2"));
            long waited = System.currentTimeMillis() - start;
            assertTrue(waited >= 250 && waited < 2000, "first ping after " + waited + " ms");
            ws.send("3");
            do {
                frame = ws.next();
            } while (!frame.equals("2"));
        }
    }

    @Test
    void closePacketClosesTheSession() {
        try (RawWebSocket ws = socketIo()) {
            ws.send("1");
            assertEquals(1000, ws.closeCode(2000));
        }
    }

    @Test
    void connectToMainNamespaceWithAndWithoutPayload() throws Exception {
        try (RawWebSocket ws = socketIo()) {
            ws.send("40");
            String connect = ws.nextSkippingPings();
            assertEquals(1, ((Map<?, ?>) Json.parse(connect.substring(2))).size());
            assertEquals("42[\"auth\",{}]", ws.nextSkippingPings());
        }
        try (RawWebSocket ws = socketIo()) {
            ws.send("40{\"token\":\"123\"}");
            assertTrue(ws.nextSkippingPings().startsWith("40{\"sid\":"));
            assertEquals("42[\"auth\",{\"token\":\"123\"}]", ws.nextSkippingPings());
        }
    }

    @Test
    void connectToCustomNamespaceWithAndWithoutPayload() {
        try (RawWebSocket ws = socketIo()) {
            ws.send("40/custom,");
            assertTrue(ws.nextSkippingPings().startsWith("40/custom,{\"sid\":"));
            assertEquals("42/custom,[\"auth\",{}]", ws.nextSkippingPings());
        }
        try (RawWebSocket ws = socketIo()) {
            ws.send("40/custom,{\"token\":\"abc\"}");
            assertTrue(ws.nextSkippingPings().startsWith("40/custom,{\"sid\":"));
            assertEquals("42/custom,[\"auth\",{\"token\":\"abc\"}]", ws.nextSkippingPings());
        }
    }

    @Test
    void unknownNamespaceIsRefused() {
        try (RawWebSocket ws = socketIo()) {
            ws.send("40/random");
            assertEquals("44/random,{\"message\":\"Invalid namespace\"}", ws.nextSkippingPings());
        }
    }

    @Test
    void leavingCustomNamespaceKeepsMain() {
        try (RawWebSocket ws = connected()) {
            ws.send("40/custom");
            assertTrue(ws.nextSkippingPings().startsWith("40/custom,"));
            assertEquals("42/custom,[\"auth\",{}]", ws.nextSkippingPings());
            ws.send("41/custom");
            ws.send("42[\"message\",\"message to main namespace\"]");
            assertEquals("42[\"message-back\",\"message to main namespace\"]", ws.nextSkippingPings());
        }
    }

    /**
     * The suite's "should disconnect from the main namespace" sends {@code 41} and waits for the close. socket.io
     * does not close at once: its Client forgets the socket and keeps the connection, which may CONNECT again;
     * the close comes from the heartbeat, since the suite's raw client never answers a ping.
     */
    @Test
    void leavingTheMainNamespaceEndsTheSocketAndTheHeartbeatEndsTheConnection() throws Exception {
        try (RawWebSocket ws = socketIo()) {
            ws.send("40");
            String first = (String) ((Map<?, ?>) Json.parse(ws.nextSkippingPings().substring(2))).get("sid");
            assertEquals("42[\"auth\",{}]", ws.nextSkippingPings());
            ws.send("41");
            Eventually.waitUntil(() -> server.server().herald().registry().sockets(Target.sockets(first)).isEmpty());
            ws.send("40");
            String again = ws.nextSkippingPings();
            assertTrue(again.startsWith("40{\"sid\":") && !again.contains(first), "a new socket on the same connection: " + again);
            assertEquals("42[\"auth\",{}]", ws.nextSkippingPings());
            ws.send("41");
            assertEquals(1000, ws.closeCode(3000), "a client that stops answering pings is closed (300 + 200 ms)");
        }
    }

    @Test
    void plainEventIsEchoed() {
        try (RawWebSocket ws = connected()) {
            ws.send("42[\"message\",1,\"2\",{\"3\":[true]}]");
            assertEquals("42[\"message-back\",1,\"2\",{\"3\":[true]}]", ws.nextSkippingPings());
        }
    }

    @Test
    void binaryEventIsEchoedWithItsAttachments() {
        try (RawWebSocket ws = connected()) {
            ws.send("452-[\"message\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            ws.sendBinary(new byte[] {1, 2, 3});
            ws.sendBinary(new byte[] {4, 5, 6});
            assertEquals("452-[\"message-back\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]",
                    ws.nextSkippingPings());
            assertArrayEquals(new byte[] {1, 2, 3}, ws.nextBinary());
            assertArrayEquals(new byte[] {4, 5, 6}, ws.nextBinary());
        }
    }

    @Test
    void ackIsAnswered() {
        try (RawWebSocket ws = connected()) {
            ws.send("42456[\"message-with-ack\",1,\"2\",{\"3\":[false]}]");
            assertEquals("43456[1,\"2\",{\"3\":[false]}]", ws.nextSkippingPings());
        }
    }

    @Test
    void binaryAckIsAnswered() {
        try (RawWebSocket ws = connected()) {
            ws.send("452-789[\"message-with-ack\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]");
            ws.sendBinary(new byte[] {1, 2, 3});
            ws.sendBinary(new byte[] {4, 5, 6});
            assertEquals("462-789[{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]", ws.nextSkippingPings());
            assertArrayEquals(new byte[] {1, 2, 3}, ws.nextBinary());
            assertArrayEquals(new byte[] {4, 5, 6}, ws.nextBinary());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"4abc", "42{}", "42abc[\"message-with-ack\",1,\"2\",{\"3\":[false]}]"})
    void invalidFormatClosesTheConnection(String frame) {
        try (RawWebSocket ws = connected()) {
            ws.send(frame);
            assertEquals(1002, ws.closeCode(2000), "closed after " + frame);
        }
    }
}
