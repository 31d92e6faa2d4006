package io.herald.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EnginePacketType;
import io.herald.protocol.engine.EngineVersion;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

    @Test
    void aPongHandledBeforeThePingSendReturnsKeepsTheSessionOpen() throws Exception {
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        EngineOptions options = new EngineOptions(Duration.ofMillis(30), Duration.ofMillis(30), 1000,
                Duration.ofSeconds(1), 1_000_000, false, null, true);
        EngineServer server = new EngineServer(options, new EngineListener() {
            @Override
            public void onOpen(EngineSession session) {}

            @Override
            public void onMessage(EngineSession session, String text) {}

            @Override
            public void onBinary(EngineSession session, byte[] data) {}

            @Override
            public void onClose(EngineSession session, CloseCause cause) {}
        }, timers, new SessionIds());
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
