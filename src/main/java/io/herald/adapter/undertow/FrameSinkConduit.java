package io.herald.adapter.undertow;

import io.herald.engine.Delivery;
import io.herald.engine.websocket.WebSocketPeer.SendCallback;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.AbstractStreamSinkConduit;
import org.xnio.conduits.ConduitWritableByteChannel;
import org.xnio.conduits.Conduits;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

/**
 * The write side of one WebSocket connection: one ordered backlog in front of the socket, for Herald's
 * frames (messages, pongs, the close frame). Whatever is handed over is written whole and in order, one
 * thread writes at a time, and no lock is held while it writes.
 *
 * <p>Why Herald writes its frames itself: Undertow's WebSocket channel writes only on the connection's I/O
 * thread, so a message for one client, sent by the thread that read the HTTP emit, waited for a second
 * thread to wake up, where Node does both on one. Here {@link Delivery#IMMEDIATE} writes on the sending
 * thread. A broadcast's frames go the other way ({@link Delivery#BATCHED}): one task on the I/O thread
 * writes whatever has piled up for the connection by then in one system call, which is what keeps a
 * broadcast cheap (one write per frame and client cost twice the CPU per delivery in the benchmark). Over
 * TLS every write stays on the I/O thread: the TLS conduit is not written from other threads.
 *
 * <p>It is also the conduit of the connection's XNIO sink channel, so whatever writes or shuts down through
 * that channel (Undertow's WebSocket channel did, before Herald read the connection itself; XNIO's shutdown
 * does) goes through the same backlog: such writes are taken whole (copied when the socket cannot take them
 * at once), and a {@link #flush} succeeds, and a shutdown is carried out, only once the backlog is out.
 */
final class FrameSinkConduit extends AbstractStreamSinkConduit<StreamSinkConduit> {
    /** Frames gathered into one write, at most. */
    private static final int MAX_GATHER = 64;

    private final Closeable connection;
    private final XnioIoThread ioThread;
    /** Plain TCP: any thread may write. Over TLS only the I/O thread does. */
    private final boolean anyThreadWrites;
    private final Runnable scheduledFlush = this::scheduledFlush;

    private ArrayDeque<Pending> backlog;  // guarded by this; null while empty, as it is on idle connections
    private Output output = Output.IDLE;  // guarded by this; changed only through become()
    private Lifecycle lifecycle = Lifecycle.OPEN; // guarded by this; changed only through advance()
    private IOException failure;          // guarded by this: set with Lifecycle.FAILED; every later write fails with it
    // Not part of either state: a flush task may be queued whatever the writer is doing (it finds out when it runs).
    private boolean flushScheduled;       // guarded by this: a flush task is queued on the I/O thread
    // Not part of either state: the channel above asks and stops asking for readiness on its own schedule.
    private boolean channelWaits;         // guarded by this: the channel above asked to hear when writable
    private volatile WriteReadyHandler channel; // the sink channel's readiness handler: it hears when this conduit is writable

    /**
     * What the writer is doing: one of these at a time, so that two threads never write at once. Its moves:
     * <pre>
     * IDLE              -> WRITING            a sender or the flush task takes the backlog
     * WRITING           -> IDLE               the backlog is out, the write failed, or the connection ended meanwhile
     * WRITING           -> AWAITING_WRITABLE  the socket took less than it was offered
     * AWAITING_WRITABLE -> WRITING            the socket is writable again: the I/O thread goes on
     * AWAITING_WRITABLE -> IDLE               the connection ended: nothing will drain
     * </pre>
     * Any other move is a bug: {@link #become} refuses it with an assertion (on in the tests).
     */
    enum Output {
        /** Nobody writes; frames queued now are written by the next {@link #flushFrames}. */
        IDLE,
        /** One thread writes the backlog, outside the lock; it takes frames queued meanwhile too. */
        WRITING,
        /** The socket was full; the I/O thread goes on when it is writable. */
        AWAITING_WRITABLE;

        /** Whether the writer may go from this state to {@code next}. */
        boolean mayBecome(Output next) {
            return switch (this) {
                case IDLE -> next == WRITING;
                case WRITING, AWAITING_WRITABLE -> next != this;
            };
        }
    }

    /**
     * The write side's lifecycle. It only goes forward, in this order, and may skip states; a move back is
     * ignored by {@link #advance} (a second shutdown, a shutdown after a failure), so each state is
     * entered at most once. Frames are taken only while {@link #OPEN}; the close frame, queued last, is
     * written after the frames before it, and a shutdown is carried out only once the backlog is out.
     */
    enum Lifecycle {
        /** Frames are taken. */
        OPEN,
        /** The close frame is queued: later frames are refused; the backlog still goes out. */
        LAST_QUEUED,
        /** Writes were shut down (XNIO's {@code terminateWrites}): carried out once the backlog is out. */
        SHUTDOWN_ASKED,
        /** The socket's write side is terminated, or the connection ended: frames are refused, a flush succeeds. */
        SHUT_DOWN,
        /** A write failed: every later write fails with that failure. */
        FAILED;

        /** Whether the lifecycle may go from this state to {@code next}: only forward. */
        boolean mayBecome(Lifecycle next) {
            return next.compareTo(this) > 0;
        }
    }

    /** Bytes to write and whom to tell once they are written ({@code null}: nobody). */
    private record Pending(ByteBuffer bytes, SendCallback done) {}

    /** A writer in front of {@code next}, the socket's conduit; {@code connection} is closed when a write fails. */
    FrameSinkConduit(StreamSinkConduit next, XnioIoThread ioThread, Closeable connection, boolean anyThreadWrites) {
        super(next);
        this.connection = connection;
        this.ioThread = ioThread;
        this.anyThreadWrites = anyThreadWrites;
    }

    /**
     * Puts a writer in front of a freshly upgraded connection's socket, under its sink channel.
     * {@code anyThreadWrites} only for plain TCP.
     */
    static FrameSinkConduit install(StreamConnection connection, boolean anyThreadWrites) {
        FrameSinkConduit conduit = new FrameSinkConduit(connection.getSinkChannel().getConduit(),
                connection.getIoThread(), connection, anyThreadWrites);
        connection.getSinkChannel().setConduit(conduit);
        // the socket's readiness now comes here; what this conduit passes on goes to the channel, as before
        conduit.setWriteReadyHandler(new WriteReadyHandler.ChannelListenerHandler<>(connection.getSinkChannel()));
        return conduit;
    }

    // ---- Herald's frames (any thread) ---------------------------------------------------------------------

    /** Queues one whole frame, written by the next {@link #flushFrames}; {@code done} hears how it went. */
    void enqueue(ByteBuffer frame, SendCallback done) {
        enqueue(frame, done, false);
    }

    /**
     * Queues the connection's last frame (its close frame, RFC 6455 section 5.5.1): frames queued after it
     * are refused, whichever thread queues them.
     */
    void enqueueLast(ByteBuffer frame, SendCallback done) {
        enqueue(frame, done, true);
    }

    private void enqueue(ByteBuffer frame, SendCallback done, boolean last) {
        IOException refused;
        synchronized (this) {
            refused = lifecycle == Lifecycle.FAILED ? failure
                    : lifecycle != Lifecycle.OPEN ? new ClosedChannelException() : null;
            if (refused == null) {
                if (backlog == null) backlog = new ArrayDeque<>(4);
                backlog.add(new Pending(frame, done));
                if (last) advance(Lifecycle.LAST_QUEUED);
            }
        }
        if (refused != null && done != null) done.done(refused);
    }

    /**
     * Writes what is queued: at once on this thread for {@link Delivery#IMMEDIATE} (where it may), else by a
     * task on the I/O thread that takes whatever has piled up by the time it runs. Nothing to do while
     * another thread is writing (it takes the new frames too) or the socket is full (the I/O thread goes on
     * when it drains).
     */
    void flushFrames(Delivery delivery) {
        boolean write = false;
        boolean schedule = false;
        synchronized (this) {
            if (output != Output.IDLE || isEmpty()) return;
            if (delivery == Delivery.IMMEDIATE && (anyThreadWrites || Thread.currentThread() == ioThread)) {
                become(Output.WRITING);
                write = true;
            } else if (!flushScheduled) {
                flushScheduled = schedule = true;
            }
        }
        if (write) {
            writeBacklog();
        } else if (schedule) {
            try {
                ioThread.execute(scheduledFlush);
            } catch (RejectedExecutionException e) {
                scheduledFlush(); // the I/O thread is stopping: the frames are written from here, or fail
            }
        }
    }

    /** The flush task: writes what has piled up, unless another thread is at it or the socket is full. */
    private void scheduledFlush() {
        synchronized (this) {
            flushScheduled = false;
            if (output != Output.IDLE || isEmpty()) return;
            become(Output.WRITING);
        }
        writeBacklog();
    }

    /**
     * Writes the backlog until it is empty or the socket is full; run by the one thread that made the
     * writer {@link Output#WRITING}, without the lock. Frames queued meanwhile are taken in the next round.
     */
    private void writeBacklog() {
        ByteBuffer[] batch = null;
        while (true) {
            int count;
            synchronized (this) {
                count = backlog == null ? 0 : Math.min(backlog.size(), MAX_GATHER);
                if (count == 0) {
                    become(Output.IDLE);
                    backlog = null;
                    if (channelWaits) next.resumeWrites(); // it hears from the I/O thread that we are done
                    return;
                }
                if (batch == null || batch.length < count) batch = new ByteBuffer[count];
                int i = 0;
                for (Pending p : backlog) {
                    if (i == count) break;
                    batch[i++] = p.bytes;
                }
            }
            try {
                next.write(batch, 0, count);
            } catch (IOException e) {
                fail(e);
                return;
            }
            List<SendCallback> written = null;
            boolean full = batch[count - 1].hasRemaining(); // the socket took less than was offered
            synchronized (this) {
                if (backlog == null) { // the connection ended meanwhile; its senders have been told
                    become(Output.IDLE);
                    return;
                }
                while (!backlog.isEmpty() && !backlog.peek().bytes.hasRemaining()) {
                    SendCallback done = backlog.poll().done;
                    if (done != null) {
                        if (written == null) written = new ArrayList<>(count);
                        written.add(done);
                    }
                }
                if (full) {
                    become(Output.AWAITING_WRITABLE);
                    next.resumeWrites();
                }
            }
            if (written != null) {
                for (SendCallback done : written) done.done(null);
            }
            if (full) return;
        }
    }

    /** The socket failed: what is queued is lost, its senders hear why, and the connection closes. */
    private void fail(IOException e) {
        ArrayDeque<Pending> lost;
        synchronized (this) {
            if (advance(Lifecycle.FAILED)) failure = e;
            become(Output.IDLE);
            lost = backlog;
            backlog = null;
        }
        tellLost(lost, e);
        IoUtils.safeClose(connection);
    }

    private static void tellLost(ArrayDeque<Pending> lost, IOException why) {
        if (lost == null) return;
        for (Pending p : lost) {
            if (p.done != null) p.done.done(why);
        }
    }

    /** Guarded by this. */
    private boolean isEmpty() {
        return backlog == null || backlog.isEmpty();
    }

    /** Guarded by this: nothing queued and nobody writing. */
    private boolean isIdle() {
        return output == Output.IDLE && isEmpty();
    }

    /** Guarded by this: moves the writer to {@code next}, which must be one of its allowed moves. */
    private void become(Output next) {
        assert output.mayBecome(next) : "writer " + output + " -> " + next;
        output = next;
    }

    /** Guarded by this: moves the lifecycle forward to {@code next}; false if it is there or past it. */
    private boolean advance(Lifecycle next) {
        if (!lifecycle.mayBecome(next)) return false;
        lifecycle = next;
        return true;
    }

    /** Guarded by this: the connection ended (closed or cut off): frames are refused and none will drain. */
    private ArrayDeque<Pending> ended() {
        advance(Lifecycle.SHUT_DOWN);
        if (output == Output.AWAITING_WRITABLE) become(Output.IDLE); // a thread at WRITING finds the backlog gone
        ArrayDeque<Pending> lost = backlog;
        backlog = null;
        return lost;
    }

    /** The writer's state, for tests. */
    synchronized Output output() {
        return output;
    }

    /** The lifecycle's state, for tests. */
    synchronized Lifecycle lifecycle() {
        return lifecycle;
    }

    // ---- the socket is writable again (I/O thread) --------------------------------------------------------

    /** Goes on with a backlog that filled the socket, then tells the channel above if it is waiting. */
    private void onWritable() {
        boolean drain;
        synchronized (this) {
            drain = output == Output.AWAITING_WRITABLE;
            if (drain) become(Output.WRITING);
        }
        if (drain) writeBacklog();
        boolean tell;
        synchronized (this) {
            tell = channelWaits && isIdle();
            // While another thread writes, it resumes the socket's writes when done if the channel above still waits.
            if (!tell && output != Output.AWAITING_WRITABLE) next.suspendWrites();
        }
        WriteReadyHandler handler = channel;
        if (tell && handler != null) handler.writeReady();
    }

    private final class Ready implements WriteReadyHandler {
        @Override
        public void writeReady() {
            onWritable();
        }

        @Override
        public void forceTermination() {
            WriteReadyHandler handler = channel;
            if (handler != null) handler.forceTermination();
        }

        @Override
        public void terminated() {
            ArrayDeque<Pending> lost;
            synchronized (FrameSinkConduit.this) {
                lost = ended(); // closed, not failed: later frames are refused, flush succeeds
            }
            tellLost(lost, new ClosedChannelException());
            WriteReadyHandler handler = channel;
            if (handler != null) handler.terminated();
        }
    }

    // ---- the channel above this conduit (its I/O thread) --------------------------------------------------

    @Override
    public void setWriteReadyHandler(WriteReadyHandler handler) {
        channel = handler;
        next.setWriteReadyHandler(new Ready());
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        return (int) write(new ByteBuffer[] {src}, 0, 1);
    }

    /** Takes all of it: copied into the backlog and written at once where the socket takes it. */
    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
        synchronized (this) {
            if (lifecycle == Lifecycle.FAILED) throw failure;
        }
        long total = 0;
        for (int i = offset; i < offset + length; i++) total += srcs[i].remaining();
        if (total == 0) return 0;
        ByteBuffer copy = ByteBuffer.allocate(Math.toIntExact(total));
        for (int i = offset; i < offset + length; i++) copy.put(srcs[i]);
        enqueue(copy.flip(), null);
        flushFrames(Delivery.IMMEDIATE);
        return total;
    }

    @Override
    public int writeFinal(ByteBuffer src) throws IOException {
        return Conduits.writeFinalBasic(this, src);
    }

    @Override
    public long writeFinal(ByteBuffer[] srcs, int offset, int length) throws IOException {
        return Conduits.writeFinalBasic(this, srcs, offset, length);
    }

    @Override
    public long transferFrom(FileChannel src, long position, long count) throws IOException {
        return src.transferTo(position, count, new ConduitWritableByteChannel(this));
    }

    @Override
    public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) throws IOException {
        return IoUtils.transfer(source, count, throughBuffer, new ConduitWritableByteChannel(this));
    }

    /** Done only once the backlog is out; then a shutdown asked for is carried out. */
    @Override
    public boolean flush() throws IOException {
        flushFrames(Delivery.IMMEDIATE);
        boolean terminate;
        synchronized (this) {
            if (lifecycle == Lifecycle.FAILED) throw failure;
            if (!isIdle()) return false;
            terminate = lifecycle == Lifecycle.SHUTDOWN_ASKED && advance(Lifecycle.SHUT_DOWN);
        }
        if (terminate) next.terminateWrites();
        return next.flush();
    }

    @Override
    public void terminateWrites() throws IOException {
        synchronized (this) {
            advance(Lifecycle.SHUTDOWN_ASKED); // ignored once shut down or failed
        }
        flush(); // carries it out now when nothing is queued; else a later flush does
    }

    @Override
    public boolean isWriteShutdown() {
        synchronized (this) {
            // a failed writer asks the socket: fail() closes the connection right after it fails
            if (lifecycle == Lifecycle.SHUTDOWN_ASKED || lifecycle == Lifecycle.SHUT_DOWN) return true;
        }
        return next.isWriteShutdown();
    }

    @Override
    public void truncateWrites() throws IOException {
        ArrayDeque<Pending> lost;
        synchronized (this) {
            lost = ended();
        }
        tellLost(lost, new ClosedChannelException());
        next.truncateWrites();
    }

    @Override
    public void resumeWrites() {
        synchronized (this) {
            channelWaits = true;
            next.resumeWrites();
        }
    }

    @Override
    public void wakeupWrites() {
        synchronized (this) {
            channelWaits = true;
            next.wakeupWrites();
        }
    }

    @Override
    public void suspendWrites() {
        synchronized (this) {
            channelWaits = false;
            if (output != Output.AWAITING_WRITABLE) next.suspendWrites();
        }
    }

    @Override
    public boolean isWriteResumed() {
        synchronized (this) {
            return channelWaits;
        }
    }
}
