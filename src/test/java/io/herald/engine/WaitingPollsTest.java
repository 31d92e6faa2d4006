package io.herald.engine;

import static io.herald.testing.Eventually.waitUntil;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.json.Json;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A waiting poll holds no thread: 5,000 clients park a GET each on a server whose request pool has 50
 * threads, and one broadcast answers them all. The numbers are printed for the record.
 */
class WaitingPollsTest {
    private static final int CLIENTS = 5_000;
    private static final int SERVER_THREADS = 50;

    @Test
    void fiveThousandWaitingPollsOnFiftyThreads() throws Exception {
        try (HeraldTestServer server = HeraldTestServer.builder(config("herald.pingInterval", "120000",
                "herald.pingTimeout", "60000")).workerThreads(SERVER_THREADS).start()) {
            ExecutorService clientThreads = Executors.newFixedThreadPool(4);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(clientThreads).build();
            List<String> sids = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                String open = http.send(HttpRequest.newBuilder(server.pollingUri("EIO=4&transport=polling")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                sids.add((String) ((Map<?, ?>) Json.parse(open.substring(1))).get("sid"));
            }
            for (String sid : sids) {
                URI uri = server.pollingUri("EIO=4&transport=polling&sid=" + sid);
                http.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("40")).build(),
                        HttpResponse.BodyHandlers.ofString());
                http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()); // the CONNECT answer
            }
            assertEquals(CLIENTS, server.herald().registry().stats().total().sockets());

            List<CompletableFuture<HttpResponse<String>>> polls = new ArrayList<>();
            for (String sid : sids) {
                polls.add(http.sendAsync(HttpRequest.newBuilder(server.pollingUri("EIO=4&transport=polling&sid=" + sid)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            Thread.sleep(1000); // every GET is now parked on the server
            assertTrue(polls.stream().noneMatch(CompletableFuture::isDone), "no poll was answered without data");
            long serverThreads = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("XNIO-")).count();
            System.out.printf("waiting polls: %d, server threads (request pool %d plus I/O and accept): %d%n",
                    CLIENTS, SERVER_THREADS, serverThreads);
            assertTrue(serverThreads <= SERVER_THREADS + 8, "server threads: " + serverThreads);

            // The last client's poll is answered alone: were polls holding threads, it would still be queued
            // behind 4,999 blocked requests instead of waiting in the server.
            String lastSid = sids.get(CLIENTS - 1);
            String lastSocket = server.herald().registry().sockets(Target.everyone()).stream()
                    .filter(s -> s.connectionId().equals(lastSid)).findFirst().orElseThrow().id();
            assertEquals(1, server.herald().registry().emit(Target.sockets(lastSocket), "only-you"));
            assertEquals("42[\"only-you\"]", polls.get(CLIENTS - 1).get(5, TimeUnit.SECONDS).body());
            assertEquals(1, polls.stream().filter(CompletableFuture::isDone).count(), "the others still wait");

            long start = System.nanoTime();
            assertEquals(CLIENTS, server.herald().registry().emit(Target.everyone(), "wake", 1));
            for (CompletableFuture<HttpResponse<String>> poll : polls.subList(0, CLIENTS - 1)) {
                assertEquals("42[\"wake\",1]", poll.get(30, TimeUnit.SECONDS).body());
            }
            System.out.printf("one broadcast answered %d waiting polls in %d ms%n", CLIENTS - 1,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            clientThreads.shutdownNow();
        }
    }
}
