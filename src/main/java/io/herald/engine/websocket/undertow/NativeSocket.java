package io.herald.engine.websocket.undertow;

import io.herald.engine.EngineServer;
import io.herald.engine.Handshake;
import io.herald.engine.websocket.CloseCodes;
import io.herald.engine.websocket.WebSocketConnection;
import io.herald.engine.websocket.WebSocketPeer;
import io.undertow.servlet.api.ThreadSetupHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.xnio.IoUtils;
import org.xnio.Pooled;

/**
 * One Undertow WebSocket channel as Herald's {@link WebSocketPeer}, and the reader that feeds its
 * {@link WebSocketConnection}.
 *
 * <p>Threads: Undertow reads on the connection's I/O thread, which must never wait: the application's CDI
 * observers run behind every message. So each complete message is handed to the worker pool, and reading
 * stops until it has been handled; the open and the close go the same way. The tasks of one socket run one
 * after another ({@link #run}), so the connection sees its events in order and never two at once, as a
 * JSR-356 container guarantees.
 *
 * <p>Writes: left to itself, Undertow writes each frame sent from another thread in an I/O-thread task of
 * its own, which for a broadcast is one system call per frame and socket. So a send that finds no flush
 * scheduled puts the channel in explicit-flush mode and schedules one ({@link #send}); sends until it runs
 * only queue their frames, and it writes them all at once and leaves the mode. The mode is on only while
 * that flush is pending, so the frames Undertow sends by itself (pongs, close echoes, the close it sends
 * when the peer vanished) are written by it or, outside that window, at once as usual.
 */
final class NativeSocket extends AbstractReceiveListener implements WebSocketPeer {
    private static final Logger LOG = Logger.getLogger(NativeSocket.class.getName());
    /** How long a socket that was sent a close frame may take to answer before it is cut off. */
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final WebSocketChannel channel;
    private final Executor worker;
    private final ThreadSetupHandler.Action<Void, Runnable> inDeployment;
    private final long maxPayload;
    private WebSocketConnection connection; // written and read by this socket's tasks only (serial)
    private volatile Throwable error;       // a read failure, set before the channel is closed

    private ArrayDeque<Runnable> tasks;     // guarded by this; made while tasks overlap
    private boolean running;                // guarded by this: a task of this socket is on a worker
    private volatile int flushPending;      // 1 while a flush is scheduled on the I/O thread (CAS via FLUSH)

    private static final VarHandle FLUSH;

    static {
        try {
            FLUSH = MethodHandles.lookup().findVarHandle(NativeSocket.class, "flushPending", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeSocket(WebSocketChannel channel, long maxPayload, ThreadSetupHandler.Action<Void, Runnable> inDeployment) {
        this.channel = channel;
        this.worker = channel.getWorker();
        this.maxPayload = maxPayload;
        this.inDeployment = inDeployment;
    }

    /**
     * Opens the Engine.IO session on a channel Undertow has just upgraded; called on its I/O thread.
     * {@code inDeployment} runs this socket's tasks inside the deployment's context.
     */
    static void open(WebSocketChannel channel, EngineServer engine, Handshake handshake,
                     ThreadSetupHandler.Action<Void, Runnable> inDeployment) {
        NativeSocket socket = new NativeSocket(channel, engine.options().maxPayload(), inDeployment);
        channel.getReceiveSetter().set(socket);
        channel.addCloseTask(socket::closed);
        socket.run(() -> {
            socket.connection = WebSocketConnection.open(engine, socket, handshake.query(), () -> handshake);
            channel.resumeReceives(); // also for a refused socket: its answer to the close frame must be read
        });
    }

    // ---- reading (I/O thread) -------------------------------------------------------------------------------

    @Override
    protected long getMaxTextBufferSize() {
        return maxPayload;
    }

    @Override
    protected long getMaxBinaryBufferSize() {
        return maxPayload;
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage message) {
        String text = message.getData();
        deliver(() -> connection.onText(text));
    }

    @Override
    protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
        Pooled<ByteBuffer[]> data = message.getData();
        byte[] bytes;
        try {
            ByteBuffer merged = WebSockets.mergeBuffers(data.getResource());
            bytes = new byte[merged.remaining()];
            merged.get(bytes);
        } finally {
            data.free();
        }
        deliver(() -> connection.onBinary(bytes));
    }

    /**
     * Stops reading until the message has been handled: a fast sender waits instead of filling the heap.
     * A message whose handling fails unexpectedly ends that connection, as a JSR-356 container does.
     */
    private void deliver(Runnable handle) {
        channel.suspendReceives();
        run(() -> {
            try {
                if (connection != null) handle.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling a WebSocket message failed; closing the connection", e);
                connection.onError(e);
            } finally {
                channel.resumeReceives();
            }
        });
    }

    @Override
    protected void onError(WebSocketChannel channel, Throwable failure) {
        // Undertow has already queued 1009 itself when a message was over the limit: that is a close, not an
        // error. Written now (this is the I/O thread), before the channel goes, should a flush be pending.
        if (channel.getCloseCode() != CloseCodes.TOO_BIG) error = failure;
        channel.flush();
        IoUtils.safeClose(channel);
    }

    /** The channel has closed (either side, or the network): its close task. */
    private void closed(WebSocketChannel closed) {
        Throwable failure = error;
        int code = closed.getCloseCode() == CloseCodes.TOO_BIG ? CloseCodes.TOO_BIG : CloseCodes.NORMAL;
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
        send(() -> WebSockets.sendText(text, channel, callback(done)), done);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback done) {
        send(() -> WebSockets.sendBinary(data, channel, callback(done)), done);
    }

    /**
     * Queues one frame. The first send after a flush turns explicit-flush mode on and schedules the next flush
     * on the I/O thread; later ones find it scheduled and only queue. Explicit mode may be switched off early
     * by a flush that is finishing: the frame is then written at once, which is merely less batched.
     */
    private void send(Runnable queue, SendCallback done) {
        boolean first = FLUSH.compareAndSet(this, 0, 1);
        if (first) channel.setRequireExplicitFlush(true);
        try {
            queue.run();
        } catch (RuntimeException e) {
            if (done != null) done.done(e);
        } finally {
            if (first) scheduleFlush();
        }
    }

    private void scheduleFlush() {
        try {
            channel.getIoThread().execute(this::flushNow);
        } catch (RejectedExecutionException e) {
            flushNow(); // the I/O thread is stopping: write from here
        }
    }

    /** Leaves explicit-flush mode and writes what was queued meanwhile; the next send starts a new round. */
    private void flushNow() {
        flushPending = 0;
        channel.setRequireExplicitFlush(false);
        channel.flush();
    }

    private static WebSocketCallback<Void> callback(SendCallback done) {
        return new WebSocketCallback<>() {
            @Override
            public void complete(WebSocketChannel channel, Void context) {
                done.done(null);
            }

            @Override
            public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                done.done(throwable);
            }
        };
    }

    /** Undertow queues overlapping sends in order and writes what piled up in one go. */
    @Override
    public boolean pipelines() {
        return true;
    }

    @Override
    public boolean isOpen() {
        return channel.isOpen() && !channel.isCloseFrameSent();
    }

    @Override
    public void close(int code, String reason) {
        if (!isOpen()) return;
        // a client that never answers the close frame is cut off by the idle timeout
        channel.setIdleTimeout(CLOSE_WAIT_MILLIS);
        send(() -> WebSockets.sendClose(code, reason, channel, null), null);
    }
}
