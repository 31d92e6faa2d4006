package io.herald.adapter.servlet;

import io.herald.engine.CloseCause;
import io.herald.engine.Delivery;
import io.herald.engine.EngineError;
import io.herald.engine.EngineSession;
import io.herald.engine.Upgradable;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Engine.IO over HTTP long-polling: a buffer of packets for the client and at most one waiting GET, held
 * on an {@link AsyncContext} so that it occupies no thread. A send answers the waiting GET, or stays in the
 * buffer until the next one. The session buffers under its send lock ({@link #enqueue}) and answers after
 * letting go of it ({@link #flush}); responses are written on a container thread ({@link AsyncContext#start}),
 * so a broadcast never waits for a slow client's socket, nor for the container's hand-off.
 */
final class PollingTransport implements Upgradable {
    private static final Logger LOG = Logger.getLogger(PollingTransport.class.getName());

    private final EngineSession session;
    private final EngineVersion version;
    private final boolean base64;
    private final long maxQueuedBytes;
    private final long pollTimeoutMillis;

    private final List<EnginePacket> buffer = new ArrayList<>(); // guarded by this
    private long bufferedBytes;                                  // guarded by this
    private AsyncContext waiting;                                // guarded by this: the pending GET
    // Not one lifecycle: a POST is handled beside a waiting GET; done is the transport's only step, one-way.
    private boolean posting;                                     // guarded by this: a POST is being handled
    private boolean done;                                        // guarded by this: closed or handed over

    PollingTransport(EngineSession session, EngineVersion version, boolean base64, long maxQueuedBytes,
                     long pollTimeoutMillis) {
        this.session = session;
        this.version = version;
        this.base64 = base64;
        this.maxQueuedBytes = maxQueuedBytes;
        this.pollTimeoutMillis = pollTimeoutMillis;
    }

    @Override
    public String name() {
        return "polling";
    }

    EngineSession session() {
        return session;
    }

    @Override
    public void send(List<EnginePacket> packets) {
        enqueue(packets);
        flush(Delivery.IMMEDIATE);
    }

    /** Buffers the packets; over {@code maxQueuedBytes} the next {@link #flush} closes the session. */
    @Override
    public synchronized void enqueue(List<EnginePacket> packets) {
        if (done) return;
        buffer.addAll(packets);
        for (EnginePacket p : packets) bufferedBytes += size(p);
    }

    /**
     * Answers the waiting GET, if any, with all that is buffered; outside the session's send lock. Every
     * delivery is the same here: a waiting poll is answered at once.
     */
    @Override
    public void flush(Delivery delivery) {
        AsyncContext answer = null;
        List<EnginePacket> batch = null;
        boolean overflow;
        synchronized (this) {
            if (done) return;
            overflow = bufferedBytes > maxQueuedBytes;
            if (!overflow && waiting != null && !buffer.isEmpty()) {
                answer = waiting;
                waiting = null;
                batch = takeBuffer();
            }
        }
        if (overflow) {
            session.close(CloseCause.SLOW_CLIENT, false);
        } else if (answer != null) {
            complete(answer, batch);
        }
    }

    /** A GET: answered at once when packets wait, else parked until a send, a pause or the poll timeout. */
    void poll(HttpServletRequest request, HttpServletResponse response) throws IOException {
        List<EnginePacket> batch = null;
        boolean overlap = false;
        boolean gone;
        synchronized (this) {
            gone = done;
            if (!gone) {
                if (waiting != null) {
                    overlap = true;
                } else if (!buffer.isEmpty()) {
                    batch = takeBuffer();
                } else {
                    AsyncContext context = request.startAsync(request, response);
                    context.setTimeout(pollTimeoutMillis);
                    context.addListener(new PollListener());
                    waiting = context;
                }
            }
        }
        if (gone || overlap) {
            HttpErrors.send(response, EngineError.BAD_REQUEST);
            if (overlap) session.fail("overlapping poll requests");
            return;
        }
        if (batch != null) write(response, batch);
    }

    /** Whether a POST may proceed; false when another one is under way (a protocol violation). */
    synchronized boolean beginPost() {
        if (done || posting) return false;
        posting = true;
        return true;
    }

    synchronized void endPost() {
        posting = false;
    }

    /**
     * Releases the waiting GET with a noop so the client can pause polling. With no GET waiting, the noop is
     * owed: the next poll returns it at once, or the WebSocket delivers it after the hand-over.
     */
    @Override
    public void pause() {
        send(List.of(EnginePacket.NOOP));
    }

    @Override
    public void nudge() {
        answerWaiting(List.of(EnginePacket.NOOP)); // once closed or handed over, no poll waits
    }

    @Override
    public List<EnginePacket> handOver() {
        List<EnginePacket> rest;
        synchronized (this) {
            done = true;
            rest = takeBuffer();
        }
        answerWaiting(List.of(EnginePacket.NOOP));
        return rest;
    }

    @Override
    public void close(CloseCause cause, boolean flush) {
        AsyncContext answer;
        List<EnginePacket> batch;
        synchronized (this) {
            if (done) return;
            done = true;
            answer = waiting;
            waiting = null;
            if (flush) {
                buffer.add(EnginePacket.CLOSE); // the client learns the session is over and does not poll again
                batch = takeBuffer();
            } else {
                buffer.clear();
                // the client that closed needs only its poll back; anyone else must learn of the close
                batch = List.of(cause == CloseCause.TRANSPORT_CLOSE ? EnginePacket.NOOP : EnginePacket.CLOSE);
            }
        }
        if (answer != null) complete(answer, batch);
    }

    private void answerWaiting(List<EnginePacket> batch) {
        AsyncContext answer;
        synchronized (this) {
            answer = waiting;
            waiting = null;
        }
        if (answer != null) complete(answer, batch);
    }

    private List<EnginePacket> takeBuffer() {
        List<EnginePacket> batch = List.copyOf(buffer);
        buffer.clear();
        bufferedBytes = 0;
        return batch;
    }

    private static long size(EnginePacket p) {
        return p.isBinary() ? p.binary().length : p.data().length() + 1;
    }

    private void complete(AsyncContext context, List<EnginePacket> batch) {
        try {
            context.start(() -> {
                try {
                    write((HttpServletResponse) context.getResponse(), batch);
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "poll response to " + session.id() + " failed", e);
                } finally {
                    context.complete();
                }
            });
        } catch (IllegalStateException e) {
            LOG.log(Level.FINE, "poll of " + session.id() + " ended before its answer", e);
        }
    }

    private void write(HttpServletResponse response, List<EnginePacket> batch) throws IOException {
        byte[] body;
        String type;
        if (version == EngineVersion.V4) {
            body = EngineCodec.encodePayloadV4(batch).getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=UTF-8";
        } else if (!base64 && batch.stream().anyMatch(EnginePacket::isBinary)) {
            body = EngineCodec.encodePayloadV3Binary(batch);
            type = "application/octet-stream";
        } else {
            body = EngineCodec.encodePayloadV3Text(batch).getBytes(StandardCharsets.UTF_8);
            type = "text/plain; charset=UTF-8";
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(type);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Forgets a parked GET that timed out or broke; a timed-out one is answered with a noop. */
    private final class PollListener implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) {
            AsyncContext context = event.getAsyncContext();
            boolean mine;
            synchronized (PollingTransport.this) {
                mine = waiting == context;
                if (mine) waiting = null;
            }
            if (mine) {
                try {
                    write((HttpServletResponse) context.getResponse(), List.of(EnginePacket.NOOP));
                } catch (IOException e) {
                    LOG.log(Level.FINE, "noop answer failed", e);
                }
                context.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            forget(event.getAsyncContext());
        }

        @Override
        public void onComplete(AsyncEvent event) {
            forget(event.getAsyncContext());
        }

        @Override
        public void onStartAsync(AsyncEvent event) {}

        private void forget(AsyncContext context) {
            synchronized (PollingTransport.this) {
                if (waiting == context) waiting = null;
            }
        }
    }
}
