package io.herald.engine.websocket;

import io.herald.protocol.websocket.CloseCodes;
import io.herald.engine.CloseCause;
import io.herald.engine.Delivery;
import io.herald.engine.EngineSession;
import io.herald.engine.Transport;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Engine.IO over a WebSocket ({@link WebSocketPeer}), with one ordered outbound queue. Containers differ on
 * overlapping sends: Tomcat and Tyrus take one at a time, so the portable way is at most one send in flight,
 * the next started by the previous one's completion. On Undertow (WildFly) Herald's own writer takes
 * overlapping sends in order and writes what has piled up in one go, which costs about half the CPU per
 * frame; there frames are handed over without waiting, in queue order, by one thread at a time
 * ({@link #pipelined}), up to {@link #PIPELINE_WINDOW} not yet written, and then flushed as the sender's
 * {@link Delivery} asks. The window keeps what a stalled client owes out of the container's hands (Undertow's
 * own channel used to retry all of it on every send, on an I/O thread shared with other sockets); frames
 * beyond it wait here, where they cost nothing. Sends are asynchronous, so a slow reader holds no thread
 * either way.
 *
 * <p>The queue holds encoded frames ({@code String} or {@code ByteBuffer}) and, for a graceful close, the
 * {@link #CLOSE} marker. A client whose queue grows past {@code maxQueuedBytes} is closed: it cannot keep
 * up, and buffering without bound would let it exhaust the heap for everyone.
 */
final class WebSocketTransport implements Transport {
    private static final Logger LOG = Logger.getLogger(WebSocketTransport.class.getName());
    private static final Object CLOSE = new Object();
    /** Frames handed to a pipelining container and not yet written, at most; refilled at half. */
    static final int PIPELINE_WINDOW = 64;

    private final WebSocketPeer ws;
    private final EngineSession session;
    private final EngineVersion version;
    private final long maxQueuedBytes;

    /** Whether the container takes overlapping async sends and keeps their order (Undertow does). */
    private final boolean pipelined;

    private final ArrayDeque<Object> queue = new ArrayDeque<>(2); // guarded by this; small: drained at once
    private long queuedBytes;                                     // guarded by this: queued or being written
    private Lifecycle lifecycle = Lifecycle.OPEN;                 // guarded by this; changed only through advance()
    private CloseCause closeCause;                                // guarded by this: set when the lifecycle leaves OPEN
    // The two below say who sends now, not how far the transport's life has come: each may be set in any
    // state before CLOSED, and each belongs to one kind of container only (pipelined is final).
    private boolean writing;                                      // guarded by this: a send is in flight (serial)
    private boolean handingOver;                                  // guarded by this: a thread is sending (pipelined)
    private int inFlight;                                         // guarded by this: sends handed over (pipelined)

    /**
     * The transport's lifecycle. It only goes forward, by these moves; {@link #advance} ignores any other:
     * <pre>
     * OPEN     -> CLOSING   a graceful close: the {@link #CLOSE} marker is queued behind the frames before it
     * OPEN     -> CLOSED    an abrupt close: the queue is dropped and the socket closed at once
     * CLOSING  -> DRAINING  (pipelined) the marker is next: the frames handed over are still being written
     * CLOSING  -> CLOSED    (one send at a time) the marker is next and no send is in flight: the socket is closed
     * DRAINING -> CLOSED    the last frame handed over is written: the socket is closed
     * </pre>
     * So a graceful close closes the socket only after every frame queued before it was written, and once.
     */
    enum Lifecycle {
        /** Frames are queued and sent. */
        OPEN,
        /** A graceful close is queued; the frames before it still go. */
        CLOSING,
        /** The close is next; nothing more is handed over, the sends handed over are awaited. */
        DRAINING,
        /** The socket is closed, or being closed; nothing is queued any more. */
        CLOSED;

        /** Whether queued frames are still handed to the container: until the close is next. */
        boolean handsOver() {
            return this == OPEN || this == CLOSING;
        }

        /** Whether the lifecycle may go from this state to {@code next}. */
        boolean mayBecome(Lifecycle next) {
            return switch (this) {
                case OPEN -> next == CLOSING || next == CLOSED;
                case CLOSING -> next == DRAINING || next == CLOSED;
                case DRAINING -> next == CLOSED;
                case CLOSED -> false;
            };
        }
    }

    WebSocketTransport(WebSocketPeer ws, EngineSession session, EngineVersion version, long maxQueuedBytes) {
        this.ws = ws;
        this.session = session;
        this.version = version;
        this.maxQueuedBytes = maxQueuedBytes;
        this.pipelined = ws.pipelines();
    }

    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public void send(List<EnginePacket> packets) {
        enqueue(packets);
        flush(Delivery.IMMEDIATE);
    }

    @Override
    public void enqueue(List<EnginePacket> packets) {
        boolean overflow;
        synchronized (this) {
            if (lifecycle == Lifecycle.CLOSED) return; // until then frames are taken (and dropped at the close)
            for (EnginePacket packet : packets) {
                Object frame = encode(packet);
                queue.add(frame);
                queuedBytes += size(frame);
            }
            overflow = queuedBytes > maxQueuedBytes;
        }
        if (overflow) session.close(CloseCause.SLOW_CLIENT, false);
    }

    @Override
    public void flush(Delivery delivery) {
        drain(delivery);
    }

    private Object encode(EnginePacket packet) {
        return packet.isBinary()
                ? ByteBuffer.wrap(EngineCodec.encodeBinaryFrame(version, packet.binary()))
                : EngineCodec.encodeTextFrame(packet);
    }

    private static long size(Object frame) {
        return frame instanceof String s ? s.length() : ((ByteBuffer) frame).remaining();
    }

    /**
     * Starts sends until the queue is empty or a send is pending. A send that completes inside the call
     * (common on Tomcat) hands back to this loop instead of recursing, so a long queue cannot overflow the
     * stack.
     */
    private void drain(Delivery delivery) {
        if (pipelined) {
            drainPipelined(delivery);
            return;
        }
        while (true) {
            Object frame;
            synchronized (this) {
                if (writing || queue.isEmpty()) return;
                frame = queue.poll();
                if (frame == CLOSE) {
                    advance(Lifecycle.CLOSED); // nothing is in flight: the frames before it are written
                    queue.clear();
                } else {
                    writing = true;
                }
            }
            if (frame == CLOSE) {
                closeSocket(closeCause);
                return;
            }
            Completion completion = new Completion(size(frame));
            start(frame, completion);
            if (completion.leaveToHandler()) return;
        }
    }

    /** Starts an async send of one frame; {@code done} hears how it went, also when it cannot start. */
    private void start(Object frame, WebSocketPeer.SendCallback done) {
        if (frame instanceof String text) {
            ws.sendText(text, done);
        } else {
            ws.sendBinary((ByteBuffer) frame, done);
        }
    }

    /**
     * Hands queued frames to the container now, in order, without waiting for completions, until the window
     * is full, then has them written as {@code delivery} asks. One thread at a time does it
     * ({@link #handingOver}), outside the lock, so frames never cross and the container is never called with
     * this object locked; a thread that finds another at it leaves its frames to that one. A graceful close
     * waits for the sends already handed over.
     */
    private void drainPipelined(Delivery delivery) {
        synchronized (this) {
            if (handingOver) return; // that thread will take what was just queued
            handingOver = true;
        }
        boolean closeNow = false;
        boolean handed = false;
        while (true) {
            Object frame;
            synchronized (this) {
                frame = !lifecycle.handsOver() || inFlight >= PIPELINE_WINDOW ? null : queue.poll();
                if (frame == CLOSE) {
                    advance(Lifecycle.DRAINING);
                    queue.clear();
                    frame = null;
                }
                if (frame == null) {
                    handingOver = false;
                    closeNow = lifecycle == Lifecycle.DRAINING && inFlight == 0 && advance(Lifecycle.CLOSED);
                    break;
                }
                inFlight++;
            }
            long bytes = size(frame);
            start(frame, result -> sent(bytes, result));
            handed = true;
        }
        if (handed) ws.flush(delivery);
        if (closeNow) closeSocket(closeCause);
    }

    /** A pipelined send has completed (on any thread, possibly inside {@code sendText}). */
    private void sent(long bytes, Throwable failure) {
        boolean closeNow = false;
        boolean refill = false;
        synchronized (this) {
            queuedBytes -= bytes;
            inFlight--;
            if (failure == null && lifecycle != Lifecycle.CLOSED && !handingOver) {
                if (lifecycle == Lifecycle.DRAINING) {
                    closeNow = inFlight == 0 && advance(Lifecycle.CLOSED);
                } else {
                    // Refilled at half the window, not per completion, so the frames go over in batches.
                    refill = !queue.isEmpty() && inFlight <= PIPELINE_WINDOW / 2;
                }
            }
        }
        if (failure != null) {
            LOG.log(Level.FINE, "send failed on " + session.id(), failure);
            session.close(CloseCause.TRANSPORT_ERROR, false);
        } else if (closeNow) {
            closeSocket(closeCause);
        } else if (refill) {
            drainPipelined(Delivery.IMMEDIATE); // this is the writing thread: it goes on with the refill
        }
    }

    /**
     * Who goes on draining after one send (one at a time): the loop that started it, if the send completed
     * before {@code sendText} returned, else the completion. Each send leaves {@link #PENDING} once, by
     * whichever side comes first; the other side sees it and stays out.
     */
    private enum Handoff {
        /** Neither the send's completion nor the loop's return has happened. */
        PENDING,
        /** The send completed inside {@code sendText}: the drain loop goes on. */
        INLINE,
        /** {@code sendText} returned first: the completion goes on draining. */
        DETACHED
    }

    /** Tracks one send: whether it completed before {@code sendText} returned. */
    private final class Completion implements WebSocketPeer.SendCallback {
        private static final AtomicReferenceFieldUpdater<Completion, Handoff> HANDOFF =
                AtomicReferenceFieldUpdater.newUpdater(Completion.class, Handoff.class, "handoff");
        private volatile Handoff handoff = Handoff.PENDING; // through HANDOFF: a field, not an object per send
        private final long bytes;

        Completion(long bytes) {
            this.bytes = bytes;
        }

        @Override
        public void done(Throwable failure) {
            synchronized (WebSocketTransport.this) {
                queuedBytes -= bytes;
                writing = false;
            }
            if (failure != null) {
                LOG.log(Level.FINE, "send failed on " + session.id(), failure);
                session.close(CloseCause.TRANSPORT_ERROR, false);
                return;
            }
            if (HANDOFF.compareAndSet(this, Handoff.PENDING, Handoff.INLINE)) return; // the drain loop goes on
            drain(Delivery.IMMEDIATE);
        }

        /** True when the send is still pending: its handler will continue draining. */
        boolean leaveToHandler() {
            return HANDOFF.compareAndSet(this, Handoff.PENDING, Handoff.DETACHED);
        }
    }

    @Override
    public void close(CloseCause cause, boolean flush) {
        synchronized (this) {
            if (lifecycle != Lifecycle.OPEN) return; // closed or closing already: the first close decides
            advance(flush ? Lifecycle.CLOSING : Lifecycle.CLOSED);
            closeCause = cause;
            if (flush) {
                queue.add(CLOSE);
            } else {
                queue.clear();
            }
        }
        if (flush) {
            drain(Delivery.IMMEDIATE);
        } else {
            closeSocket(cause);
        }
    }

    /** Guarded by this: moves the lifecycle to {@code next}; false, changing nothing, if that move is not allowed. */
    private boolean advance(Lifecycle next) {
        if (!lifecycle.mayBecome(next)) return false;
        lifecycle = next;
        return true;
    }

    /** The lifecycle's state, for tests. */
    synchronized Lifecycle lifecycle() {
        return lifecycle;
    }

    private void closeSocket(CloseCause cause) {
        if (ws.isOpen()) ws.close(cause.webSocketCode(), cause.reason());
    }
}
