package io.herald.engine.websocket;

import io.herald.protocol.websocket.CloseCodes;
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
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbound queue against a container that completes sends only when the test says so: what is handed
 * over, in which order, and when a client is given up on. Real sockets reach these states only under load.
 */
class WebSocketTransportTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<CloseCause> closes = new ArrayList<>();

    /** A container whose sends stay pending until {@link #complete} is called; it records what it was given. */
    private static final class HeldPeer implements WebSocketPeer {
        final boolean pipelines;
        final List<String> handedOver = new ArrayList<>();
        final List<SendCallback> pending = new ArrayList<>();
        int closeCode = -1;

        HeldPeer(boolean pipelines) {
            this.pipelines = pipelines;
        }

        @Override
        public synchronized void sendText(String text, SendCallback done) {
            handedOver.add(text);
            pending.add(done);
        }

        @Override
        public void sendBinary(ByteBuffer data, SendCallback done) {
            throw new UnsupportedOperationException();
        }

        /** Completes the oldest {@code n} pending sends, in order, outside this object's lock. */
        void complete(int n) {
            for (int i = 0; i < n; i++) {
                SendCallback next;
                synchronized (this) {
                    next = pending.remove(0);
                }
                next.done(null);
            }
        }

        synchronized int pendingCount() {
            return pending.size();
        }

        synchronized List<String> handedOver() {
            return List.copyOf(handedOver);
        }

        @Override
        public boolean pipelines() {
            return pipelines;
        }

        @Override
        public boolean isOpen() {
            return closeCode < 0;
        }

        @Override
        public void close(int code, String reason) {
            closeCode = code;
        }
    }

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    private EngineSession open(HeldPeer peer, long maxQueuedBytes) {
        EngineOptions options = new EngineOptions(EngineOptions.DEFAULTS.pingInterval(), EngineOptions.DEFAULTS.pingTimeout(),
                1_000_000, EngineOptions.DEFAULTS.upgradeTimeout(), maxQueuedBytes, false, null, true);
        EngineServer server = new EngineServer(options, new QuietEngineListener() {
            @Override
            public void onClose(EngineSession session, CloseCause cause) {
                closes.add(cause);
            }
        }, timers, new SessionIds());
        EngineSession session = server.open(EngineVersion.V4, new Handshake(null, null, null, 0), List.of(),
                s -> new WebSocketTransport(peer, s, EngineVersion.V4, maxQueuedBytes));
        peer.complete(1); // the OPEN packet
        return session;
    }

    private static List<String> messages(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "4" + i).toList();
    }

    @Test
    void aPipeliningContainerHoldsAtMostTheWindowAndGetsTheRestInOrderAsItWrites() {
        HeldPeer peer = new HeldPeer(true);
        EngineSession session = open(peer, 1_000_000);
        int total = 1000;
        for (int i = 0; i < total; i++) session.send(EnginePacket.message(String.valueOf(i)));

        assertEquals(WebSocketTransport.PIPELINE_WINDOW, peer.pendingCount(), "a client that does not read holds only the window");
        // Written up to half the window: topped up again in one go.
        peer.complete(WebSocketTransport.PIPELINE_WINDOW / 2 - 1);
        assertEquals(WebSocketTransport.PIPELINE_WINDOW / 2 + 1, peer.pendingCount(), "no top-up before half the window is written");
        peer.complete(1);
        assertEquals(WebSocketTransport.PIPELINE_WINDOW, peer.pendingCount());

        while (peer.pendingCount() > 0) peer.complete(1);
        List<String> frames = peer.handedOver();
        assertEquals(messages(0, total), frames.subList(1, frames.size()), "every frame once, in order");
        assertTrue(session.isOpen());
    }

    @Test
    void framesWaitingBeyondTheWindowCountTowardsTheQueueLimit() {
        HeldPeer peer = new HeldPeer(true);
        EngineSession session = open(peer, 10_000);
        // 100 frames of 100 bytes fit; the next ones do not, although most were never handed over.
        String hundred = "x".repeat(99);
        for (int i = 0; i < 100; i++) session.send(EnginePacket.message(hundred));
        assertTrue(session.isOpen());
        session.send(EnginePacket.message(hundred));

        assertFalse(session.isOpen(), "a client that stopped reading is given up on");
        assertEquals(List.of(CloseCause.SLOW_CLIENT), closes);
        assertEquals(CloseCodes.POLICY_VIOLATION, peer.closeCode);
        assertEquals(1 + WebSocketTransport.PIPELINE_WINDOW, peer.handedOver().size(), "the rest never reached the container");
    }

    @Test
    void aGracefulCloseWaitsForEveryQueuedFrameThenClosesTheSocket() {
        HeldPeer peer = new HeldPeer(true);
        EngineSession session = open(peer, 1_000_000);
        for (int i = 0; i < 200; i++) session.send(EnginePacket.message(String.valueOf(i)));
        session.close(CloseCause.SERVER_SHUTDOWN);
        assertEquals(-1, peer.closeCode, "not before the frames are written");

        while (peer.pendingCount() > 0) peer.complete(1);
        List<String> frames = peer.handedOver();
        assertEquals(messages(0, 200), frames.subList(1, 201));
        assertEquals(CloseCodes.GOING_AWAY, peer.closeCode);
    }

    @Test
    void aContainerThatTakesOneSendAtATimeNeverGetsTwo() {
        HeldPeer peer = new HeldPeer(false);
        EngineSession session = open(peer, 1_000_000);
        for (int i = 0; i < 10; i++) session.send(EnginePacket.message(String.valueOf(i)));
        for (int i = 0; i < 10; i++) {
            assertEquals(1, peer.pendingCount());
            peer.complete(1);
        }
        List<String> frames = peer.handedOver();
        assertEquals(messages(0, 10), frames.subList(1, frames.size()));
    }

    @Test
    void theLifecycleAllowsOnlyItsMoves() {
        WebSocketTransport.Lifecycle open = WebSocketTransport.Lifecycle.OPEN;
        WebSocketTransport.Lifecycle closing = WebSocketTransport.Lifecycle.CLOSING;
        WebSocketTransport.Lifecycle draining = WebSocketTransport.Lifecycle.DRAINING;
        WebSocketTransport.Lifecycle closed = WebSocketTransport.Lifecycle.CLOSED;
        assertTrue(open.mayBecome(closing));
        assertTrue(open.mayBecome(closed));
        assertFalse(open.mayBecome(draining), "draining only follows a graceful close");
        assertTrue(closing.mayBecome(draining));
        assertTrue(closing.mayBecome(closed));
        assertTrue(draining.mayBecome(closed));
        for (WebSocketTransport.Lifecycle state : WebSocketTransport.Lifecycle.values()) {
            assertFalse(state.mayBecome(state), state + " again");
            assertFalse(closed.mayBecome(state), "nothing after " + closed);
            assertFalse(state.mayBecome(open), "nothing goes back to " + open);
        }
        assertFalse(draining.mayBecome(closing));
    }

    @Test
    void aGracefulCloseDrainsThenClosesOnceAndALaterCloseDoesNotCutItShort() {
        HeldPeer peer = new HeldPeer(true);
        EngineSession session = open(peer, 1_000_000);
        WebSocketTransport transport = (WebSocketTransport) session.transport();
        int total = WebSocketTransport.PIPELINE_WINDOW * 2;
        for (int i = 0; i < total; i++) session.send(EnginePacket.message(String.valueOf(i)));
        session.close(CloseCause.SERVER_SHUTDOWN);
        assertEquals(WebSocketTransport.Lifecycle.CLOSING, transport.lifecycle(), "frames beyond the window still wait");

        transport.close(CloseCause.TRANSPORT_ERROR, false); // an abrupt close now changes nothing
        assertEquals(-1, peer.closeCode);
        while (transport.lifecycle() == WebSocketTransport.Lifecycle.CLOSING) peer.complete(1);
        assertEquals(WebSocketTransport.Lifecycle.DRAINING, transport.lifecycle(), "the close is next");
        assertTrue(peer.pendingCount() > 1, "with the last window still being written");
        while (peer.pendingCount() > 1) peer.complete(1);
        assertEquals(-1, peer.closeCode, "not while a frame is still being written");
        peer.complete(1);
        assertEquals(WebSocketTransport.Lifecycle.CLOSED, transport.lifecycle());
        assertEquals(CloseCodes.GOING_AWAY, peer.closeCode, "the first close's cause");
        List<String> frames = peer.handedOver();
        assertEquals(messages(0, total), frames.subList(1, frames.size()), "every frame before the close");
    }

    @Test
    void oneSendAtATimeAGracefulCloseWaitsForTheSendInFlight() {
        HeldPeer peer = new HeldPeer(false);
        EngineSession session = open(peer, 1_000_000);
        WebSocketTransport transport = (WebSocketTransport) session.transport();
        session.send(EnginePacket.message("a"));
        session.send(EnginePacket.message("b"));
        session.close(CloseCause.SERVER_SHUTDOWN);
        assertEquals(WebSocketTransport.Lifecycle.CLOSING, transport.lifecycle());
        peer.complete(1);
        assertEquals(-1, peer.closeCode, "not before the last frame is written");
        peer.complete(1);
        assertEquals(WebSocketTransport.Lifecycle.CLOSED, transport.lifecycle());
        assertEquals(CloseCodes.GOING_AWAY, peer.closeCode);
        assertEquals(List.of("4a", "4b"), peer.handedOver().subList(1, 3));
    }
}
