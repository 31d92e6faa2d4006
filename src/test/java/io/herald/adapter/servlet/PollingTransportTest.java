package io.herald.adapter.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.engine.CloseCause;
import io.herald.engine.EngineOptions;
import io.herald.engine.EngineServer;
import io.herald.engine.EngineSession;
import io.herald.engine.Handshake;
import io.herald.util.SessionIds;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import io.herald.testing.QuietEngineListener;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The long-polling transport with a container whose hand-off of a poll answer can be held up: what a real
 * container does only under load. The servlet objects are proxies; only the few methods used are answered.
 */
class PollingTransportTest {
    private final ScheduledExecutorService timers = Executors.newScheduledThreadPool(1);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    /** One parked GET: its answer's hand-off ({@link AsyncContext#start}) waits until released. */
    private static final class HeldPoll {
        final CountDownLatch handingOver = new CountDownLatch(1), release = new CountDownLatch(1);
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final HttpServletResponse response = response(body);
        final AsyncContext context = (AsyncContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {AsyncContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "start" -> {
                        handingOver.countDown();
                        release.await(10, TimeUnit.SECONDS);
                        ((Runnable) args[0]).run();
                        yield null;
                    }
                    case "getResponse" -> response;
                    default -> null; // setTimeout, addListener, complete
                });
        final HttpServletRequest request = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("startAsync") ? context : null);
    }

    private static HttpServletResponse response(ByteArrayOutputStream body) {
        ServletOutputStream out = new ServletOutputStream() {
            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {}

            @Override
            public void write(int b) {
                body.write(b);
            }
        };
        return (HttpServletResponse) Proxy.newProxyInstance(PollingTransportTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> method.getName().equals("getOutputStream") ? out : null);
    }

    private record Opened(EngineSession session, PollingTransport transport) {}

    private Opened open(long maxQueuedBytes) {
        PollingTransport[] transport = new PollingTransport[1];
        EngineOptions options = new EngineOptions(Duration.ofSeconds(25), Duration.ofSeconds(20), 1000,
                Duration.ofSeconds(1), maxQueuedBytes, false, null, true);
        EngineServer server = new EngineServer(options, new QuietEngineListener(), timers, new SessionIds());
        EngineSession session = server.open(EngineVersion.V4, new Handshake(null, null, null, 0), List.of(),
                s -> transport[0] = new PollingTransport(s, EngineVersion.V4, false, maxQueuedBytes, 30_000));
        return new Opened(session, transport[0]);
    }

    @Test
    void aPollAnswerHeldUpInTheContainerDoesNotHoldUpTheNextSenderToTheSameSession() throws Exception {
        Opened opened = open(1_000_000);
        EngineSession session = opened.session();
        PollingTransport transport = opened.transport();
        HeldPoll held = new HeldPoll();
        transport.poll(held.request, held.response);  // the open packet was buffered: answered at once
        HeldPoll parked = new HeldPoll();
        transport.poll(parked.request, parked.response); // nothing buffered: parked

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> session.send(EnginePacket.message("first")));
        assertTrue(parked.handingOver.await(5, TimeUnit.SECONDS), "the first send is answering the poll");

        // a broadcast on another thread reaches the same session while that answer is held up
        CompletableFuture.runAsync(() -> session.send(EnginePacket.message("second"))).get(5, TimeUnit.SECONDS);
        assertFalse(first.isDone(), "the first is still handing over its answer");

        parked.release.countDown();
        first.get(5, TimeUnit.SECONDS);
        assertEquals("4first", parked.body.toString(StandardCharsets.UTF_8));
        HeldPoll next = new HeldPoll();
        transport.poll(next.request, next.response);
        assertEquals("4second", next.body.toString(StandardCharsets.UTF_8), "the second waited for the next poll");
        session.close(CloseCause.FORCED_CLOSE);
    }

    @Test
    void aClientThatStopsPollingIsClosedOnceItsBufferPassesTheLimit() throws Exception {
        Opened opened = open(300);
        EngineSession session = opened.session();
        PollingTransport transport = opened.transport();
        HeldPoll held = new HeldPoll();
        transport.poll(held.request, held.response); // takes the open packet; no GET waits after it
        session.send(EnginePacket.message("x".repeat(150)));
        assertTrue(session.isOpen(), "151 bytes are within the limit of 300");
        session.send(EnginePacket.message("y".repeat(150)));
        assertFalse(session.isOpen(), "302 bytes are not: closed as a slow client");
    }
}
