package io.herald.adapter.undertow;

import io.herald.engine.Delivery;
import io.herald.engine.EngineServer;
import io.herald.engine.Handshake;
import io.herald.util.ProtocolLog;
import io.herald.protocol.websocket.CloseCodes;
import io.herald.engine.websocket.WebSocketConnection;
import io.herald.engine.websocket.WebSocketPeer;
import io.herald.protocol.websocket.FrameException;
import io.herald.protocol.websocket.WebSocketFrames;
import io.herald.protocol.websocket.MessageBudget;
import io.herald.protocol.websocket.WebSocketReader;
import io.undertow.servlet.api.ThreadSetupHandler;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.ChannelListener;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One upgraded connection as Herald's {@link WebSocketPeer}: Herald reads its frames
 * ({@link WebSocketReader}), writes them ({@link FrameSinkConduit}) and does the closing handshake, on the
 * bare XNIO connection Undertow hands over after the 101 response. No Undertow WebSocket channel is made:
 * an idle socket costs this object, the reader and the writer.
 *
 * <p>Threads: reads happen on the connection's I/O thread, which must never wait: the application's CDI
 * observers run behind every message. So each complete message is handed to the worker pool, and reading
 * stops until every message handed over has been handled; the open and the close go the same way. The tasks
 * of one socket run one after another ({@link #run}), so the connection sees its events in order and never
 * two at once, as a JSR-356 container guarantees.
 *
 * <p>Closing (RFC 6455 section 7): a client's close frame is answered with one of the same code, then the
 * connection is closed. A close Herald starts sends its frame and waits for the client's answer, at most
 * {@link #CLOSE_WAIT_MILLIS}. A frame that breaks the protocol is answered with a close frame naming the
 * fault (1002, 1007, 1009) and the connection is closed once it is written.
 */
final class NativeSocket implements WebSocketPeer, WebSocketReader.Handler, ChannelListener<ConduitStreamSourceChannel> {
    private static final Logger LOG = Logger.getLogger(NativeSocket.class.getName());
    /** How long a socket that was sent a close frame may take to answer before it is cut off. */
    private static final long CLOSE_WAIT_MILLIS = 10_000;
    /** Each I/O thread reads into one buffer of its own; nothing is left in it between reads. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(16 * 1024));

    private final StreamConnection socket;
    private final FrameSinkConduit writer;
    private final WebSocketReader reader;
    private final Executor worker;
    private final ThreadSetupHandler.Action<Void, Runnable> inDeployment;
    private WebSocketConnection connection; // written and read by this socket's tasks only (serial)

    // The closing handshake's two halves, each one-way and set apart from the other (not one lifecycle): a close
    // Herald starts is sent before reads end, a client's close ends reads before the answer goes, and a client
    // flooding pongs has its reads ended and the connection cut with no close frame sent at all.
    private volatile boolean closeSent;     // set under this; a close frame is queued: no frame may follow it (5.5.1)
    private volatile boolean readsOver;     // the client's close frame or a bad frame came: nothing more is read
    private volatile int closeCode = CloseCodes.NORMAL; // what the session hears when the socket is gone
    private volatile Throwable error;       // a read failure, set before the socket is closed

    private final long maxQueuedBytes;      // herald.maxQueuedBytes: also the most unwritten pong bytes
    private volatile long unwrittenPongs;   // bytes of pongs queued and not yet written; through UNWRITTEN_PONGS
    private static final AtomicLongFieldUpdater<NativeSocket> UNWRITTEN_PONGS = // a field, not an object per socket
            AtomicLongFieldUpdater.newUpdater(NativeSocket.class, "unwrittenPongs");

    private ArrayDeque<Runnable> tasks;     // guarded by this; made while tasks overlap
    private boolean running;                // guarded by this: a task of this socket is on a worker
    private int unhandled;                  // guarded by this: messages handed over and not yet handled

    private NativeSocket(StreamConnection socket, FrameSinkConduit writer, int maxPayload, long maxQueuedBytes,
                         MessageBudget budget, ThreadSetupHandler.Action<Void, Runnable> inDeployment) {
        this.socket = socket;
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = writer;
        this.reader = new WebSocketReader(maxPayload, budget, this);
        this.worker = socket.getWorker();
        this.inDeployment = inDeployment;
    }

    /**
     * Opens the Engine.IO session on a connection Undertow has just upgraded, whose socket {@code writer}
     * writes; called on its I/O thread. {@code inDeployment} runs this socket's tasks inside the deployment's
     * context.
     */
    static void open(StreamConnection socket, FrameSinkConduit writer, EngineServer engine, Handshake handshake,
                     ThreadSetupHandler.Action<Void, Runnable> inDeployment) {
        NativeSocket peer = new NativeSocket(socket, writer, engine.options().maxPayload(),
                engine.options().maxQueuedBytes(), engine.messageBudget(), inDeployment);
        ConduitStreamSourceChannel source = socket.getSourceChannel();
        source.suspendReads();
        source.setReadListener(peer);
        // XNIO adds this to the close listener already set, Undertow's: its books on the HTTP connection
        socket.setCloseListener(closed -> peer.closed());
        socket.getSinkChannel().setWriteListener(null); // Undertow's, which flushed the 101 response
        peer.run(() -> {
            peer.connection = WebSocketConnection.open(engine, peer, handshake.query(), () -> handshake);
            source.resumeReads(); // also for a refused socket: its answer to the close frame must be read
        });
    }

    // ---- reading (I/O thread) -------------------------------------------------------------------------------

    @Override
    public void handleEvent(ConduitStreamSourceChannel source) {
        if (readsOver) {
            source.suspendReads();
            return;
        }
        ByteBuffer buffer = READ_BUFFER.get();
        try {
            while (true) {
                buffer.clear();
                int read = source.read(buffer);
                if (read == -1) { // the client went without a close frame
                    source.suspendReads();
                    IoUtils.safeClose(socket);
                    return;
                }
                if (read == 0) return;
                buffer.flip();
                reader.read(buffer);
                if (reader.isClosed() || waitsForHandling()) return;
            }
        } catch (FrameException e) {
            refuse(e);
        } catch (IOException e) {
            error = e;
            IoUtils.safeClose(socket);
        } finally {
            buffer.clear();
        }
    }

    private synchronized boolean waitsForHandling() {
        return unhandled > 0;
    }

    @Override
    public void onText(String text) {
        deliver(() -> connection.onText(text));
    }

    @Override
    public void onBinary(byte[] data) {
        deliver(() -> connection.onBinary(data));
    }

    /**
     * Hands a message to this socket's tasks and stops reading until every message handed over has been
     * handled: a fast sender waits instead of filling the heap. A message whose handling fails unexpectedly
     * ends that connection, as a JSR-356 container does. Messages after Herald's close frame are dropped.
     */
    private void deliver(Runnable handle) {
        if (closeSent) return;
        synchronized (this) {
            if (unhandled++ == 0) socket.getSourceChannel().suspendReads();
        }
        run(() -> {
            try {
                if (connection != null) handle.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling a WebSocket message failed; closing the connection", e);
                connection.onError(e);
            } finally {
                synchronized (this) {
                    if (--unhandled == 0 && !readsOver) socket.getSourceChannel().resumeReads();
                }
            }
        });
    }

    @Override
    public void onPing(byte[] payload) {
        if (closeSent) return; // no frame after the close frame; the client is about to hear it
        ByteBuffer pong = WebSocketFrames.pong(payload);
        long bytes = pong.remaining();
        // A client that pings and never reads would pile up pongs here without end: past maxQueuedBytes
        // unwritten it is closed, as a slow reader of messages is (the socket cannot take a close frame).
        if (UNWRITTEN_PONGS.addAndGet(this, bytes) > maxQueuedBytes) {
            if (!readsOver) {
                readsOver = true;
                socket.getSourceChannel().suspendReads();
                closeCode = CloseCodes.POLICY_VIOLATION;
                ProtocolLog.refusal("closing a WebSocket from " + socket.getPeerAddress()
                        + ": more than herald.maxQueuedBytes of pongs it does not read");
                IoUtils.safeClose(socket);
            }
            return;
        }
        writer.enqueue(pong, written -> UNWRITTEN_PONGS.addAndGet(this, -bytes));
        writer.flushFrames(Delivery.IMMEDIATE);
    }

    /** The client's close frame: answered (unless it answers Herald's), then the connection ends. */
    @Override
    public void onClose(int code, String reason) {
        readsOver = true;
        socket.getSourceChannel().suspendReads();
        if (!sendClose(code, "", false)) IoUtils.safeClose(socket); // it answered ours: the handshake is done
    }

    /** A frame broke the protocol or the limit: the client is told why, and the connection ends. */
    private void refuse(FrameException e) {
        readsOver = true;
        socket.getSourceChannel().suspendReads();
        boolean tooBig = e.closeCode() == CloseCodes.TOO_BIG;
        if (tooBig) closeCode = CloseCodes.TOO_BIG; // the session logs it when it hears of the close
        // the close frame first: the session, closing, would send one of its own
        if (!sendClose(e.closeCode(), e.getMessage(), false)) IoUtils.safeClose(socket);
        if (!tooBig) {
            String why = e.getMessage();
            run(() -> {
                if (connection != null) connection.onBadFrame(why);
            });
        }
    }

    /**
     * Queues the one close frame of this socket, unless it was sent already (then false): the connection is
     * closed once it is written, or, when {@code awaitAnswer}, when the client's own close frame arrives. The
     * client has {@link #CLOSE_WAIT_MILLIS} in either case.
     */
    private boolean sendClose(int code, String reason, boolean awaitAnswer) {
        synchronized (this) {
            if (closeSent) return false;
            closeSent = true;
        }
        writer.enqueueLast(WebSocketFrames.close(code, reason), awaitAnswer ? null : written -> IoUtils.safeClose(socket));
        writer.flushFrames(Delivery.IMMEDIATE);
        try {
            socket.getIoThread().executeAfter(() -> IoUtils.safeClose(socket), CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            IoUtils.safeClose(socket);
        }
        return true;
    }

    /**
     * Gives an unfinished message's memory back to the shared budget, on the I/O thread that reads (the
     * reader is not thread-safe; the close listener may run on whichever thread closed the socket).
     */
    private void releaseReader() {
        try {
            socket.getIoThread().execute(reader::release);
        } catch (RejectedExecutionException stopping) {
            reader.release(); // the I/O thread is gone: no read can be under way
        }
    }

    /** The connection has closed (either side, or the network): its close listener. */
    private void closed() {
        releaseReader();
        Throwable failure = error;
        int code = closeCode;
        run(() -> {
            if (connection == null) return;
            if (failure != null) {
                connection.onError(failure);
            } else {
                connection.onClose(code);
            }
        });
    }

    // ---- this socket's tasks, in order, on the worker pool ---------------------------------------------------

    private void run(Runnable task) {
        synchronized (this) {
            if (running) {
                if (tasks == null) tasks = new ArrayDeque<>(4);
                tasks.add(task);
                return;
            }
            running = true;
        }
        Runnable batch = () -> runInDeployment(task);
        try {
            worker.execute(batch);
        } catch (RejectedExecutionException e) {
            batch.run(); // the server is stopping: the close must still reach the session
        }
    }

    private void runInDeployment(Runnable first) {
        boolean[] started = {false};
        try {
            inDeployment.call(null, () -> {
                started[0] = true;
                runFrom(first);
            });
        } catch (Exception e) {
            LOG.log(Level.WARNING, "setting up the deployment's context for a WebSocket event", e);
            if (!started[0]) runFrom(first); // the tasks must still run, and the socket must not stay blocked
        }
    }

    private void runFrom(Runnable first) {
        Runnable task = first;
        while (task != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling a WebSocket event", e);
            }
            synchronized (this) {
                task = tasks == null ? null : tasks.poll();
                if (task == null) {
                    running = false;
                    tasks = null; // overlaps are rare (a message during the open); the queue goes with them
                }
            }
        }
    }

    // ---- WebSocketPeer (any thread) --------------------------------------------------------------------------

    @Override
    public void sendText(String text, SendCallback done) {
        queue(WebSocketFrames.text(text), done);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback done) {
        queue(WebSocketFrames.binary(data), done);
    }

    /** Queues one frame, written by the next {@link #flush}; none after the close frame (RFC 6455 5.5.1). */
    private void queue(ByteBuffer frame, SendCallback done) {
        if (closeSent) {
            done.done(new ClosedChannelException());
        } else {
            writer.enqueue(frame, done);
        }
    }

    @Override
    public void flush(Delivery delivery) {
        writer.flushFrames(delivery);
    }

    /** The writer takes frames while earlier ones are being written, in order, and writes what piled up in one go. */
    @Override
    public boolean pipelines() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen() && !closeSent;
    }

    @Override
    public void close(int code, String reason) {
        sendClose(code, reason, true);
    }
}
