package io.herald.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.json.Json;
import io.herald.testing.Http;
import io.herald.testing.RawWebSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Engine.IO behaviours the official Engine.IO test suite checks, against the echo at {@code /engine.io/}
 * of the conformance server, with Engine.IO v3 framing ({@code <length>:<packet>}) as that suite uses.
 */
class EngineConformanceTest {
    private static ConformanceServer server;

    @BeforeAll
    static void start() {
        server = ConformanceServer.start(0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static URI polling(String sid) {
        return URI.create("http://127.0.0.1:" + server.server().port() + "/engine.io/?EIO=3&transport=polling"
                + (sid == null ? "" : "&sid=" + sid));
    }

    private static URI webSocket(String sid) {
        return URI.create("ws://127.0.0.1:" + server.server().port() + "/engine.io/?EIO=3&transport=websocket"
                + (sid == null ? "" : "&sid=" + sid));
    }

    private static String open() throws Exception {
        String body = Http.get(polling(null)).body();
        int colon = body.indexOf(':');
        String packet = body.substring(colon + 1);
        assertEquals(Integer.toString(packet.length()), body.substring(0, colon), "v3 length prefix");
        Map<?, ?> handshake = (Map<?, ?>) Json.parse(packet.substring(1));
        assertEquals(Map.of("sid", handshake.get("sid"), "upgrades", java.util.List.of("websocket"),
                "pingInterval", 300L, "pingTimeout", 200L, "maxPayload", 1_000_000L), handshake);
        return (String) handshake.get("sid");
    }

    @Test
    void pollingEchoesTextAndBase64BinaryPackets() throws Exception {
        String sid = open();
        assertEquals("ok", Http.post(polling(sid), "6:4hello").body());
        assertEquals("6:4hello", Http.get(polling(sid)).body());
        assertEquals("ok", Http.post(polling(sid), "6:4test16:4test26:4test3").body());
        assertEquals("6:4test16:4test26:4test3", Http.get(polling(sid)).body());
        assertEquals("ok", Http.post(polling(sid), "6:4hello10:b4AQIDBA==").body());
        HttpResponse<byte[]> binary = Http.getBytes(polling(sid)); // no b64: the XHR2 binary payload
        assertEquals("application/octet-stream", binary.headers().firstValue("Content-Type").orElse(""));
        List<EnginePacket> packets = EngineCodec.decodePayloadV3(binary.body());
        assertEquals(EnginePacket.message("hello"), packets.get(0));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, packets.get(1).binary());
    }

    @Test
    void base64ClientsGetBinaryAsTextInThePayload() throws Exception {
        String body = Http.get(URI.create(polling(null) + "&b64=1")).body();
        String sid = (String) ((Map<?, ?>) Json.parse(body.substring(body.indexOf(':') + 2))).get("sid");
        URI poll = URI.create(polling(sid) + "&b64=1");
        assertEquals("ok", Http.post(poll, "6:4hello10:b4AQIDBA==").body());
        assertEquals("6:4hello10:b4AQIDBA==", Http.get(poll).body());
    }

    @Test
    void invalidPacketClosesThePollingSession() throws Exception {
        String sid = open();
        assertEquals(400, Http.post(polling(sid), "abc").statusCode());
        assertEquals(400, Http.get(polling(sid)).statusCode());
    }

    @Test
    void duplicatePollClosesTheSessionAndTheFirstPollLearnsIt() throws Exception {
        String sid = open();
        CompletableFuture<HttpResponse<String>> first = Http.getAsync(polling(sid));
        Thread.sleep(50);
        HttpResponse<String> second = Http.get(polling(sid));
        assertEquals(400, second.statusCode());
        assertEquals("1:1", first.get(5, TimeUnit.SECONDS).body());
        assertEquals(400, Http.get(polling(sid)).statusCode());
    }

    @Test
    void clientPingsAreAnsweredOverPolling() throws Exception {
        String sid = open();
        for (int i = 0; i < 3; i++) {
            assertEquals("ok", Http.post(polling(sid), "1:2").body());
            assertEquals("1:3", Http.get(polling(sid)).body());
        }
    }

    @Test
    void missingPingsCloseThePollingSession() throws Exception {
        String sid = open();
        Thread.sleep(300 + 200 + 150);
        assertEquals(400, Http.post(polling(sid), "1:2").statusCode());
    }

    @Test
    void clientCloseReleasesThePendingPollWithNoop() throws Exception {
        String sid = open();
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(polling(sid));
        Thread.sleep(50);
        Http.post(polling(sid), "1:1");
        assertEquals("1:6", poll.get(5, TimeUnit.SECONDS).body());
        assertEquals(400, Http.get(polling(sid)).statusCode());
    }

    @Test
    void webSocketEchoesAndPingsAndCloses() {
        try (RawWebSocket ws = RawWebSocket.connect(webSocket(null))) {
            assertTrue(ws.next().startsWith("0{"));
            ws.send("4hello");
            assertEquals("4hello", ws.next());
            ws.sendBinary(new byte[] {4, 1, 2, 3, 4}); // v3 binary frames carry the message type byte
            assertArrayEquals(new byte[] {4, 1, 2, 3, 4}, ws.nextBinary());
            for (int i = 0; i < 3; i++) {
                ws.send("2");
                assertEquals("3", ws.next());
            }
            ws.send("1");
            assertEquals(1000, ws.closeCode(2000));
        }
    }

    @Test
    void upgradeReleasesThePollThenCarriesTheSession() throws Exception {
        String sid = open();
        try (RawWebSocket ws = RawWebSocket.connect(webSocket(sid))) {
            ws.send("2probe");
            assertEquals("3probe", ws.next());
            assertEquals("1:6", Http.get(polling(sid)).body(), "the poll after the probe returns at once");
            ws.send("5");
            ws.send("4hello");
            assertEquals("4hello", ws.next());
            assertEquals(400, Http.get(polling(sid)).statusCode(), "polling is over after the upgrade");
            try (RawWebSocket second = RawWebSocket.connect(webSocket(sid))) {
                assertEquals(1002, second.closeCode(2000));
            }
        }
    }

    @Test
    void upgradeWithoutAPollHandsTheOwedNoopToTheWebSocket() throws Exception {
        String sid = open();
        try (RawWebSocket ws = RawWebSocket.connect(webSocket(sid))) {
            ws.send("2probe");
            assertEquals("3probe", ws.next());
            ws.send("5");
            assertEquals("6", ws.next());
            ws.send("4hello");
            assertEquals("4hello", ws.next());
        }
    }
}
