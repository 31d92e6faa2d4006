package io.herald.engine;

import io.herald.util.SessionIds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EnginePacketType;
import io.herald.protocol.engine.EngineVersion;
import io.herald.testing.QuietEngineListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Engine sessions with an in-memory transport: timing cases that real sockets hit only now and then. */
class EngineSessionTest {

    /** A client so fast that its pong is handled while the server is still sending the ping. */
    private static final class InstantPongTransport implements Transport {
        private EngineSession session;
        final AtomicInteger pings = new AtomicInteger();

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void send(List<EnginePacket> packets) {
            for (EnginePacket p : packets) {
                if (p.type() == EnginePacketType.PING) {
                    pings.incrementAndGet();
                    session.receive(EnginePacket.PONG);
                }
            }
        }

        @Override
        public void close(CloseCause cause, boolean flush) {}
    }

    /** Queues in enqueue; its flush can be made to hang, like a write into a socket that stopped reading. */
    private static final class HangingFlushTransport implements Transport {
        final List<String> queued = new CopyOnWriteArrayList<>();
        final AtomicBoolean hangNextFlush = new AtomicBoolean();
        final CountDownLatch inFlush = new CountDownLatch(1), release = new CountDownLatch(1);

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void send(List<EnginePacket> packets) {
            enqueue(packets);
            flush(Delivery.IMMEDIATE);
        }

        @Override
        public void enqueue(List<EnginePacket> packets) {
            for (EnginePacket p : packets) queued.add(p.data());
        }

        @Override
        public void flush(Delivery delivery) {
            if (!hangNextFlush.compareAndSet(true, false)) return;
            inFlush.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close(CloseCause cause, boolean flush) {}
    }

    @Test
    void aSenderStuckWritingDoesNotHoldUpTheNextSenderToTheSameSession() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        HangingFlushTransport transport = new HangingFlushTransport();
        EngineSession session = server(timers, Duration.ofSeconds(25)).open(EngineVersion.V4,
                new Handshake(null, null, null, 0), List.of(), s -> transport);
        transport.hangNextFlush.set(true);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> session.send(EnginePacket.message("first")));
        assertTrue(transport.inFlush.await(5, TimeUnit.SECONDS), "the first send is writing");

        // a broadcast on another thread reaches the same session while the first write hangs
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> session.send(EnginePacket.message("second")));
        second.get(5, TimeUnit.SECONDS);

        assertEquals(false, first.isDone(), "the first is still writing");
        assertEquals(List.of("first", "second"), transport.queued.subList(transport.queued.size() - 2, transport.queued.size()),
                "queued in the order sent");
        transport.release.countDown();
        first.get(5, TimeUnit.SECONDS);
        session.close(CloseCause.FORCED_CLOSE);
        timers.shutdownNow();
    }

    private static EngineServer server(ScheduledExecutorService timers, Duration ping) {
        EngineOptions options = new EngineOptions(ping, ping, 1000, Duration.ofSeconds(1), 1_000_000, false, null, true);
        return new EngineServer(options, new QuietEngineListener(), timers, new SessionIds());
    }

    @Test
    void aPongHandledBeforeThePingSendReturnsKeepsTheSessionOpen() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        EngineServer server = server(timers, Duration.ofMillis(30));
        InstantPongTransport transport = new InstantPongTransport();
        EngineSession session = server.open(EngineVersion.V4, new Handshake(null, null, null, 0), List.of(), s -> {
            transport.session = s;
            return transport;
        });
        Thread.sleep(400); // about ten ping rounds, each with a pong that came "too early"
        assertTrue(transport.pings.get() >= 5, "pinged " + transport.pings.get() + " times");
        assertTrue(session.isOpen(), "no ping timeout for a client that always answered");
        session.close(CloseCause.FORCED_CLOSE);
        timers.shutdownNow();
    }
}
