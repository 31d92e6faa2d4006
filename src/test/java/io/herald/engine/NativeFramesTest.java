package io.herald.engine;

import static io.herald.testing.FrameClient.BINARY;
import static io.herald.testing.FrameClient.CLOSE;
import static io.herald.testing.FrameClient.CONTINUATION;
import static io.herald.testing.FrameClient.PING;
import static io.herald.testing.FrameClient.PONG;
import static io.herald.testing.FrameClient.TEXT;
import static io.herald.testing.FrameClient.closePayload;
import static io.herald.testing.FrameClient.frame;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import io.herald.testing.Eventually;
import io.herald.testing.FrameClient;
import io.herald.testing.FrameClient.Frame;
import io.herald.testing.HeraldTestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The WebSocket protocol as Herald speaks it on Undertow, where it reads, writes and closes the upgraded
 * connection itself: what clients send that well-behaved libraries rarely do (fragments, pings between
 * them, bytes right behind the handshake), what they must not send, and both closing handshakes.
 */
class NativeFramesTest {
    private static final String QUERY = "EIO=4&transport=websocket";

    private HeraldTestServer server;

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.maxPayload", "1000"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private FrameClient open() throws IOException {
        FrameClient client = FrameClient.connect(server.webSocketUri(QUERY));
        assertTrue(client.read().text().startsWith("0{"), "the Engine.IO open packet");
        return client;
    }

    /** The Engine.IO session id from an open packet. */
    private static String sid(Frame open) throws ProtocolException {
        @SuppressWarnings("unchecked")
        Map<String, Object> fields = (Map<String, Object>) Json.parse(open.text().substring(1));
        return (String) fields.get("sid");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aMessageInFragmentsWithAPingBetweenThemIsAnsweredInOrder() throws Exception {
        try (FrameClient client = open()) {
            client.send(frame(false, TEXT, utf8("4")));
            client.send(frame(true, PING, utf8("between")));
            client.send(frame(true, CONTINUATION, utf8("0")));
            Frame pong = client.readSkippingPings();
            assertEquals(PONG, pong.opcode());
            assertArrayEquals(utf8("between"), pong.payload());
            Frame connect = client.readSkippingPings();
            assertTrue(connect.text().startsWith("40{\"sid\":"), "the joined \"40\" connected: " + connect.text());
        }
    }

    @Test
    void aClientsCloseFrameIsAnsweredWithItsCodeAndTheSessionEnds() throws Exception {
        try (FrameClient client = open()) {
            client.sendText("40");
            client.readSkippingPings();
            client.send(frame(true, CLOSE, closePayload(4000, "bye")));
            Frame answer = client.readSkippingPings();
            assertEquals(CLOSE, answer.opcode());
            assertEquals(4000, answer.closeCode(), "the close frame echoes the client's code");
            assertNull(client.read(), "then the server closes the connection");
            Eventually.waitUntil(() -> server.herald().engine().size() == 0);
        }
    }

    @Test
    void aCloseHeraldStartsWaitsForTheClientsAnswer() throws Exception {
        try (FrameClient client = FrameClient.connect(server.webSocketUri(QUERY))) {
            String sid = sid(client.read());
            server.herald().engine().session(sid).close(CloseCause.FORCED_CLOSE);
            Frame close = client.readSkippingPings();
            assertEquals(CLOSE, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(client.staysSilentFor(300), "the connection stays open for the client's answer");
            client.send(frame(true, CLOSE, closePayload(1000, "")));
            assertNull(client.read(), "the answer ends the connection");
        }
    }

    @Test
    void bytesSentRightBehindTheHandshakeAreRead() throws Exception {
        byte[] ping = frame(true, PING, utf8("early"));
        try (FrameClient client = FrameClient.connect(server.webSocketUri(QUERY), ping)) {
            Frame first = client.read();
            Frame second = client.read();
            Frame pong = first.opcode() == PONG ? first : second;
            assertEquals(PONG, pong.opcode(), "a pong among " + first.text() + " and " + second.text());
            assertArrayEquals(utf8("early"), pong.payload());
            client.sendText("40");
            assertTrue(client.readSkippingPings().text().startsWith("40{"), "the socket works on");
        }
    }

    @Test
    void aMessageOverMaxPayloadInFragmentsClosesWith1009() throws Exception {
        try (FrameClient client = open()) {
            client.send(frame(false, TEXT, utf8("4" + "x".repeat(600))));
            client.send(frame(true, CONTINUATION, utf8("x".repeat(600))));
            Frame close = client.readSkippingPings();
            assertEquals(CLOSE, close.opcode());
            assertEquals(1009, close.closeCode());
            assertNull(client.read(), "and the connection ends");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"unmasked", "reserved bit", "reserved opcode", "continuation without a message",
            "fragmented ping", "binary during a fragmented text"})
    void aFrameAgainstTheProtocolClosesWith1002AndLeavesOtherConnectionsAlone(String fault) throws Exception {
        try (FrameClient good = open(); FrameClient bad = open()) {
            good.sendText("40");
            good.readSkippingPings();
            bad.send(switch (fault) {
                case "unmasked" -> frame(true, TEXT, utf8("40"), false);
                case "reserved bit" -> withFirstByte(frame(true, TEXT, utf8("40")), 0x80 | 0x40 | TEXT);
                case "reserved opcode" -> frame(true, 0x3, utf8("40"));
                case "continuation without a message" -> frame(true, CONTINUATION, utf8("40"));
                case "fragmented ping" -> frame(false, PING, utf8("p"));
                default -> concat(frame(false, TEXT, utf8("4")), frame(true, BINARY, new byte[] {1}));
            });
            Frame close = bad.readSkippingPings();
            assertNotNull(close, "a close frame before the end");
            assertEquals(CLOSE, close.opcode());
            assertEquals(1002, close.closeCode());
            assertNull(bad.read(), "and the connection ends");

            assertEquals(1, server.herald().registry().emit(io.herald.push.Target.everyone(), "still", "here"));
            assertEquals("42[\"still\",\"here\"]", good.readSkippingPings().text());
        }
    }

    @Test
    void textThatIsNotUtf8ClosesWith1007() throws Exception {
        try (FrameClient client = open()) {
            client.send(frame(true, TEXT, new byte[] {'4', '2', (byte) 0xC3, 0x28}));
            Frame close = client.readSkippingPings();
            assertEquals(CLOSE, close.opcode());
            assertEquals(1007, close.closeCode());
            assertNull(client.read());
        }
    }

    /**
     * Undertow keeps each HTTP connection on its books until the connection's close listener runs; Herald
     * sets a close listener of its own, and Undertow's must still run, once, whichever way a WebSocket ends.
     */
    @Test
    void everyWebSocketThatEndsIsTakenOffUndertowsBooks() throws Exception {
        server.close();
        server = HeraldTestServer.builder(config()).statistics().start();
        FrameClient byClose = open();
        FrameClient byServer = FrameClient.connect(server.webSocketUri(QUERY));
        FrameClient vanishing = open();
        FrameClient faulty = open();
        Eventually.waitUntil(() -> server.openConnections() == 4);

        byClose.send(frame(true, CLOSE, closePayload(1000, "")));
        server.herald().engine().session(sid(byServer.read())).close(CloseCause.FORCED_CLOSE);
        byServer.readSkippingPings();
        byServer.send(frame(true, CLOSE, closePayload(1000, "")));
        vanishing.close();
        faulty.send(frame(true, TEXT, utf8("40"), false));
        for (FrameClient client : new FrameClient[] {byClose, byServer, faulty}) {
            while (client.read() != null) {
                // up to the end of the connection
            }
            client.close();
        }
        try {
            Eventually.waitUntil(() -> server.openConnections() == 0);
        } catch (AssertionError e) {
            throw new AssertionError("Undertow counts " + server.openConnections() + " connections open");
        }
        Eventually.waitUntil(() -> server.herald().engine().size() == 0);
    }

    private static byte[] withFirstByte(byte[] frame, int b0) {
        frame[0] = (byte) b0;
        return frame;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        both.writeBytes(a);
        both.writeBytes(b);
        return both.toByteArray();
    }
}
