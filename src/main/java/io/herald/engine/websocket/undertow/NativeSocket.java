package io.herald.engine.websocket.undertow;

import io.herald.engine.Delivery;
import io.herald.engine.EngineServer;
import io.herald.engine.Handshake;
import io.herald.engine.websocket.CloseCodes;
import io.herald.engine.websocket.WebSocketConnection;
import io.herald.engine.websocket.WebSocketPeer;
import io.herald.protocol.websocket.WebSocketFrames;
import io.undertow.servlet.api.ThreadSetupHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
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
 * <p>Writes: Herald frames its messages itself and queues them on the connection's {@link FrameSinkConduit},
 * which writes them on the sending thread or leaves them to the I/O thread, as the flush's
 * {@link Delivery} asks; Undertow's channel writes its own frames (pongs, close frames) through the same
 * conduit. The close handshake stays Undertow's.
 */
final class NativeSocket extends AbstractReceiveListener implements WebSocketPeer {
    private static final Logger LOG = Logger.getLogger(NativeSocket.class.getName());
    /** How long a socket that was sent a close frame may take to answer before it is cut off. */
    private static final long CLOSE_WAIT_MILLIS = 10_000;

    private final WebSocketChannel channel;
    private final FrameSinkConduit writer;
    private final Executor worker;
    private final ThreadSetupHandler.Action<Void, Runnable> inDeployment;
    private final long maxPayload;
    private WebSocketConnection connection; // written and read by this socket's tasks only (serial)
    private volatile Throwable error;       // a read failure, set before the channel is closed

    private ArrayDeque<Runnable> tasks;     // guarded by this; made while tasks overlap
    private boolean running;                // guarded by this: a task of this socket is on a worker

    private NativeSocket(WebSocketChannel channel, FrameSinkConduit writer, long maxPayload,
                         ThreadSetupHandler.Action<Void, Runnable> inDeployment) {
        this.channel = channel;
        this.writer = writer;
        this.worker = channel.getWorker();
        this.maxPayload = maxPayload;
        this.inDeployment = inDeployment;
    }

    /**
     * Opens the Engine.IO session on a channel Undertow has just upgraded, whose socket {@code writer} writes;
     * called on its I/O thread. {@code inDeployment} runs this socket's tasks inside the deployment's context.
     */
    static void open(WebSocketChannel channel, FrameSinkConduit writer, EngineServer engine, Handshake handshake,
                     ThreadSetupHandler.Action<Void, Runnable> inDeployment) {
        NativeSocket socket = new NativeSocket(channel, writer, engine.options().maxPayload(), inDeployment);
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
        queue(WebSocketFrames.text(text), done);
    }

    @Override
    public void sendBinary(ByteBuffer data, SendCallback done) {
        queue(WebSocketFrames.binary(data), done);
    }

    /** Queues one frame, written by the next {@link #flush}; none after the close frame (RFC 6455 5.5.1). */
    private void queue(ByteBuffer frame, SendCallback done) {
        if (channel.isCloseFrameSent()) {
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
        return channel.isOpen() && !channel.isCloseFrameSent();
    }

    @Override
    public void close(int code, String reason) {
        if (!isOpen()) return;
        // a client that never answers the close frame is cut off by the idle timeout
        channel.setIdleTimeout(CLOSE_WAIT_MILLIS);
        WebSockets.sendClose(code, reason, channel, null);
    }
}
