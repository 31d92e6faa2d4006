package io.herald.engine;

import static io.herald.testing.Eventually.waitUntil;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.Http;
import io.herald.testing.RawWebSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Engine.IO v4 long-polling spoken by hand over HTTP: handshake, packets, errors, limits, upgrade. */
class PollingTest {
    private HeraldTestServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    /** Opens a polling session; returns its sid. */
    private String handshake() throws Exception {
        HttpResponse<String> open = Http.get(server.pollingUri("EIO=4&transport=polling"));
        assertEquals(200, open.statusCode());
        assertTrue(open.body().startsWith("0{"), open.body());
        return (String) ((Map<?, ?>) Json.parse(open.body().substring(1))).get("sid");
    }

    private String sidQuery(String sid) {
        return "EIO=4&transport=polling&sid=" + sid;
    }

    @Test
    void handshakeOffersTheWebSocketUpgrade() throws Exception {
        server = HeraldTestServer.start(config());
        HttpResponse<String> open = Http.get(server.pollingUri("EIO=4&transport=polling"));
        assertEquals(200, open.statusCode());
        assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        Map<?, ?> fields = (Map<?, ?>) Json.parse(open.body().substring(1));
        assertEquals(List.of("sid", "upgrades", "pingInterval", "pingTimeout", "maxPayload"), List.copyOf(fields.keySet()));
        assertEquals(List.of("websocket"), fields.get("upgrades"));
    }

    @Test
    void packetsGoUpByPostAndComeDownByGet() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        HttpResponse<String> post = Http.post(server.pollingUri(sidQuery(sid)), "40");
        assertEquals(200, post.statusCode());
        assertEquals("ok", post.body());
        String connect = Http.get(server.pollingUri(sidQuery(sid))).body();
        assertTrue(connect.startsWith("40{\"sid\":"), connect);

        // two events queued while no poll waits come down together, separated by the record separator
        waitUntil(() -> server.herald().registry().stats().total().sockets() == 1);
        server.herald().registry().emit(Target.everyone(), "a", 1);
        server.herald().registry().emit(Target.everyone(), "b", "é😀");
        assertEquals("42[\"a\",1]\u001e42[\"b\",\"é😀\"]", Http.get(server.pollingUri(sidQuery(sid))).body());

        // several packets in one POST body
        assertEquals("ok", Http.post(server.pollingUri(sidQuery(sid)), "3\u001e42[\"x\"]").body());
    }

    @Test
    void waitingPollIsAnsweredByALaterEmit() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        Http.post(server.pollingUri(sidQuery(sid)), "40");
        Http.get(server.pollingUri(sidQuery(sid))); // the CONNECT answer
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUri(sidQuery(sid)));
        Thread.sleep(100);
        assertFalse(poll.isDone(), "the poll waits for data");
        server.herald().registry().emit(Target.everyone(), "late");
        assertEquals("42[\"late\"]", poll.get(5, TimeUnit.SECONDS).body());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "GET|transport=polling|400|5",
            "GET|EIO=abc&transport=polling|400|5",
            "GET|EIO=3&transport=polling|400|5",
            "GET|EIO=4|400|0",
            "GET|EIO=4&transport=abc|400|0",
            "POST|EIO=4&transport=polling|400|2",
            "PUT|EIO=4&transport=polling|400|2",
            "GET|EIO=4&transport=polling&sid=nope|400|1",
            "POST|EIO=4&transport=polling&sid=nope|400|1"})
    void badRequestsGetTheEngineIoErrorJson(String method, String query, int status, int code) throws Exception {
        server = HeraldTestServer.start(config());
        HttpResponse<String> response = Http.request(method, server.pollingUri(query), method.equals("GET") ? null : "");
        assertEquals(status, response.statusCode());
        assertEquals(code, ((Long) ((Map<?, ?>) Json.parse(response.body())).get("code")).intValue(), response.body());
        assertEquals(0, server.herald().engine().size());
    }

    /** Engine.IO v4: the server pings, the client answers; a client that stops answering is dropped. */
    @Test
    void serverPingsOverPollingAndAMissingPongEndsTheSession() throws Exception {
        server = HeraldTestServer.start(config("herald.pingInterval", "150", "herald.pingTimeout", "300"));
        String sid = handshake();
        // four rounds outlast one interval plus timeout (450 ms): only the pongs can keep the session
        for (int round = 0; round < 4; round++) {
            HttpResponse<String> poll = Http.get(server.pollingUri(sidQuery(sid)));
            assertEquals(200, poll.statusCode(), "round " + round + ": " + poll.body());
            assertEquals("2", poll.body(), "round " + round);
            assertEquals("ok", Http.post(server.pollingUri(sidQuery(sid)), "3").body());
        }
        Thread.sleep(150 + 300 + 500);
        HttpResponse<String> late = Http.get(server.pollingUri(sidQuery(sid)));
        assertEquals(400, late.statusCode(), late.body());
        assertEquals(1L, ((Map<?, ?>) Json.parse(late.body())).get("code"), "unknown session: " + late.body());
    }

    @Test
    void secondConcurrentPollGets400AndClosesTheSession() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> first = Http.getAsync(server.pollingUri(sidQuery(sid)));
        Thread.sleep(100);
        HttpResponse<String> second = Http.get(server.pollingUri(sidQuery(sid)));
        assertEquals(400, second.statusCode());
        assertEquals("1", first.get(5, TimeUnit.SECONDS).body(), "the waiting poll learns that the session closed");
        assertEquals(400, Http.get(server.pollingUri(sidQuery(sid))).statusCode(), "the session is gone");
    }

    @Test
    void closePacketAnswersThePendingPollWithNoop() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUri(sidQuery(sid)));
        Thread.sleep(100);
        assertEquals("ok", Http.post(server.pollingUri(sidQuery(sid)), "1").body());
        assertEquals("6", poll.get(5, TimeUnit.SECONDS).body());
        assertEquals(400, Http.get(server.pollingUri(sidQuery(sid))).statusCode());
    }

    @Test
    void postOverMaxPayloadGets413AndClosesTheSession() throws Exception {
        server = HeraldTestServer.start(config("herald.maxPayload", "1000"));
        String sid = handshake();
        HttpResponse<String> tooBig = Http.post(server.pollingUri(sidQuery(sid)), "4" + "x".repeat(1000));
        assertEquals(413, tooBig.statusCode());
        assertEquals(0, server.herald().engine().size());
    }

    @Test
    void sessionThatStopsPollingIsClosedWhenItsBufferOverflows() throws Exception {
        server = HeraldTestServer.start(config("herald.maxQueuedBytes", "10000"));
        String sid = handshake();
        Http.post(server.pollingUri(sidQuery(sid)), "40");
        waitUntil(() -> server.herald().registry().stats().total().sockets() == 1);
        for (int i = 0; i < 100 && server.herald().engine().size() > 0; i++) {
            server.herald().registry().emit(Target.everyone(), "pile", "y".repeat(200));
        }
        assertEquals(0, server.herald().engine().size(), "closed instead of buffering without bound");
        assertEquals(0, server.herald().registry().stats().total().sockets());
    }

    @Test
    void malformedPayloadGets400AndClosesTheSession() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        assertEquals(400, Http.post(server.pollingUri(sidQuery(sid)), "9nonsense").statusCode());
        assertEquals(0, server.herald().engine().size());
    }

    @Test
    void invalidUtf8Gets400AndClosesTheSession() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        java.net.http.HttpRequest request = java.net.http.HttpRequest.newBuilder(server.pollingUri(sidQuery(sid)))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(new byte[] {'4', (byte) 0xc3, (byte) 0x28})).build();
        int status = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        assertEquals(400, status);
        assertEquals(0, server.herald().engine().size());
    }

    /** Joins the main namespace over polling, reads the answer, and leaves a poll waiting (returned). */
    private CompletableFuture<HttpResponse<String>> connectAndPoll(String sid) throws Exception {
        Http.post(server.pollingUri(sidQuery(sid)), "40");
        Http.get(server.pollingUri(sidQuery(sid)));
        CompletableFuture<HttpResponse<String>> poll = Http.getAsync(server.pollingUri(sidQuery(sid)));
        Thread.sleep(100);
        return poll;
    }

    @Test
    void upgradeProbesThenSwitchesAndPollingIsRefusedAfterwards() throws Exception {
        server = HeraldTestServer.start(config());
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> poll = connectAndPoll(sid);
        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket&sid=" + sid))) {
            ws.send("2probe");
            assertEquals("3probe", ws.next());
            assertEquals("6", poll.get(5, TimeUnit.SECONDS).body(), "the pending poll is released with a noop");
            server.herald().registry().emit(Target.everyone(), "during"); // still polling: buffered
            ws.send("5");
            assertEquals("42[\"during\"]", ws.nextSkippingPings(), "what was buffered moves to the WebSocket");
            waitUntil(() -> server.herald().engine().session(sid).transport().name().equals("websocket"));
            server.herald().registry().emit(Target.everyone(), "after");
            assertEquals("42[\"after\"]", ws.nextSkippingPings());
            assertEquals(400, Http.get(server.pollingUri(sidQuery(sid))).statusCode());
            try (RawWebSocket second = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket&sid=" + sid))) {
                assertEquals(1002, second.closeCode(2000), "a second WebSocket for the sid is refused");
            }
            server.herald().registry().emit(Target.everyone(), "still");
            assertEquals("42[\"still\"]", ws.nextSkippingPings(), "the upgraded socket is unaffected");
        }
    }

    @Test
    void aClientThatTookTheNoopBeforeThePongIsReleasedAgain() throws Exception {
        // The noop goes over HTTP and the pong over the WebSocket: when the noop wins, the client is not
        // pausing yet, polls again, and pauses only when that poll returns. It must not wait for the
        // poll timeout (here 25 s, the ping interval).
        server = HeraldTestServer.start(config());
        String sid = handshake();
        CompletableFuture<HttpResponse<String>> first = connectAndPoll(sid);
        try (RawWebSocket ws = RawWebSocket.connect(server.webSocketUri("EIO=4&transport=websocket&sid=" + sid))) {
            ws.send("2probe");
            assertEquals("6", first.get(5, TimeUnit.SECONDS).body());
            HttpResponse<String> again = Http.getAsync(server.pollingUri(sidQuery(sid))).get(5, TimeUnit.SECONDS);
            assertEquals("6", again.body(), "the poll made after the first noop is released too");
            assertEquals("3probe", ws.next());
            ws.send("5");
            waitUntil(() -> server.herald().engine().session(sid).transport().name().equals("websocket"));
            server.herald().registry().emit(Target.everyone(), "after");
            assertEquals("42[\"after\"]", ws.nextSkippingPings());
        }
    }

    @Test
    void allowedOriginGetsCorsHeadersWithCredentialsAndOthersAre403() throws Exception {
        server = HeraldTestServer.start(config("herald.allowedOrigins", "http://shop.example"));
        HttpResponse<String> allowed = Http.get(server.pollingUri("EIO=4&transport=polling"), "Origin", "http://shop.example");
        assertEquals(200, allowed.statusCode());
        assertEquals("http://shop.example", allowed.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        assertEquals("true", allowed.headers().firstValue("Access-Control-Allow-Credentials").orElse(null));
        assertTrue(allowed.headers().allValues("Vary").contains("Origin"));

        HttpResponse<String> preflight = Http.request("OPTIONS", server.pollingUri("EIO=4&transport=polling"), null,
                "Origin", "http://shop.example", "Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "content-type");
        assertEquals(204, preflight.statusCode());
        assertTrue(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));

        HttpResponse<String> refused = Http.get(server.pollingUri("EIO=4&transport=polling"), "Origin", "http://evil.example");
        assertEquals(403, refused.statusCode());
        assertTrue(refused.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        assertEquals(1, server.herald().engine().size(), "only the allowed origin opened a session");
    }
}
