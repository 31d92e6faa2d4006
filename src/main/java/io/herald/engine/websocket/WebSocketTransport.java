package io.herald.engine.websocket;

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
import java.util.concurrent.atomic.AtomicInteger;
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
    private boolean writing;                                      // guarded by this: a send is in flight (serial)
    private int inFlight;                                         // guarded by this: sends handed over (pipelined)
    private boolean closeWhenWritten;                             // guarded by this: a graceful close waits
    private boolean handingOver;                                  // guarded by this: a thread is sending (pipelined)
    private boolean closed;                                       // guarded by this
    private CloseCause closeCause;                                // guarded by this

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
            if (closed) return;
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
                    closed = true;
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
                frame = closed || closeWhenWritten || inFlight >= PIPELINE_WINDOW ? null : queue.poll();
                if (frame == CLOSE) {
                    closeWhenWritten = true;
                    queue.clear();
                    frame = null;
                }
                if (frame == null) {
                    handingOver = false;
                    if (closeWhenWritten && inFlight == 0 && !closed) {
                        closed = true;
                        closeNow = true;
                    }
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
            if (failure == null && !closed && !handingOver) {
                if (closeWhenWritten) {
                    closeNow = inFlight == 0;
                    closed = closeNow;
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

    /** Tracks one send: whether it completed before {@code sendText} returned. */
    private final class Completion implements WebSocketPeer.SendCallback {
        private static final int PENDING = 0, INLINE = 1, DETACHED = 2;
        private final AtomicInteger state = new AtomicInteger(PENDING);
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
            if (state.compareAndSet(PENDING, INLINE)) return; // the drain loop goes on
            drain(Delivery.IMMEDIATE);
        }

        /** True when the send is still pending: its handler will continue draining. */
        boolean leaveToHandler() {
            return state.compareAndSet(PENDING, DETACHED);
        }
    }

    @Override
    public void close(CloseCause cause, boolean flush) {
        synchronized (this) {
            if (closed || closeCause != null) return;
            closeCause = cause;
            if (flush) {
                queue.add(CLOSE);
            } else {
                closed = true;
                queue.clear();
            }
        }
        if (flush) {
            drain(Delivery.IMMEDIATE);
        } else {
            closeSocket(cause);
        }
    }

    private void closeSocket(CloseCause cause) {
        if (ws.isOpen()) ws.close(CloseCodes.of(cause), cause.reason());
    }
}
