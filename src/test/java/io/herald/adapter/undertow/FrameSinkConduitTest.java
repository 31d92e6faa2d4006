package io.herald.adapter.undertow;

import static io.herald.testing.Eventually.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.engine.Delivery;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Xnio;
import org.xnio.XnioIoThread;
import org.xnio.XnioWorker;
import org.xnio.channels.StreamSourceChannel;
import org.xnio.conduits.StreamSinkConduit;
import org.xnio.conduits.WriteReadyHandler;

/**
 * The writer against a socket that takes only as many bytes as the test allows: what is written, in which
 * order, by which thread, and what the channel above it is told. Real sockets fill up only under load.
 */
class FrameSinkConduitTest {
    private XnioWorker worker;
    private XnioIoThread ioThread;
    private final ThrottledSocket socket = new ThrottledSocket();
    private final AtomicBoolean connectionClosed = new AtomicBoolean();
    private final List<String> told = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startWorker() throws IOException {
        worker = Xnio.getInstance().createWorker(OptionMap.EMPTY);
        ioThread = worker.getIoThread(0);
    }

    @AfterEach
    void stopWorker() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** A socket conduit that takes at most {@link #room} bytes, recording what it took and on which thread. */
    private final class ThrottledSocket implements StreamSinkConduit {
        volatile long room = Long.MAX_VALUE;
        volatile IOException failure;
        final StringBuffer taken = new StringBuffer();
        final List<Thread> writers = new CopyOnWriteArrayList<>();
        volatile boolean resumed, terminated;
        volatile WriteReadyHandler ready;

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            if (failure != null) throw failure;
            writers.add(Thread.currentThread());
            long total = 0;
            for (int i = offset; i < offset + length && room > 0; i++) {
                int n = (int) Math.min(room, srcs[i].remaining());
                byte[] bytes = new byte[n];
                srcs[i].get(bytes);
                taken.append(new String(bytes, StandardCharsets.US_ASCII));
                room -= n;
                total += n;
            }
            return total;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return (int) write(new ByteBuffer[] {src}, 0, 1);
        }

        /** Makes room and tells the writer, as the I/O thread does when the socket drains. */
        void drain() {
            room = Long.MAX_VALUE;
            ioThread.execute(() -> ready.writeReady());
        }

        @Override
        public void setWriteReadyHandler(WriteReadyHandler handler) {
            ready = handler;
        }

        @Override
        public void resumeWrites() {
            resumed = true;
        }

        @Override
        public void suspendWrites() {
            resumed = false;
        }

        @Override
        public void wakeupWrites() {
            resumed = true;
        }

        @Override
        public boolean isWriteResumed() {
            return resumed;
        }

        @Override
        public void terminateWrites() {
            terminated = true;
        }

        @Override
        public boolean isWriteShutdown() {
            return terminated;
        }

        @Override
        public void truncateWrites() {
            terminated = true;
        }

        @Override
        public boolean flush() {
            return true;
        }

        @Override
        public int writeFinal(ByteBuffer src) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long writeFinal(ByteBuffer[] srcs, int offset, int length) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(FileChannel src, long position, long count) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long transferFrom(StreamSourceChannel source, long count, ByteBuffer throughBuffer) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void awaitWritable() {}

        @Override
        public void awaitWritable(long time, TimeUnit timeUnit) {}

        @Override
        public XnioIoThread getWriteThread() {
            return ioThread;
        }

        @Override
        public XnioWorker getWorker() {
            return worker;
        }
    }

    /** The writer as the channel above it sees it, with a handler that records what the channel is told. */
    private FrameSinkConduit writer(boolean anyThreadWrites) {
        FrameSinkConduit writer = new FrameSinkConduit(socket, ioThread, () -> connectionClosed.set(true), anyThreadWrites);
        writer.setWriteReadyHandler(new WriteReadyHandler() {
            @Override
            public void writeReady() {
                told.add("writable");
            }

            @Override
            public void forceTermination() {}

            @Override
            public void terminated() {
                told.add("terminated");
            }
        });
        return writer;
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void anImmediateFlushWritesOnTheSendingThread() {
        FrameSinkConduit writer = writer(true);
        List<Throwable> results = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("hello"), results::add);
        writer.flushFrames(Delivery.IMMEDIATE);
        assertEquals("hello", socket.taken.toString(), "written before flushFrames returned");
        assertSame(Thread.currentThread(), socket.writers.get(0));
        assertEquals(1, results.size());
        assertEquals(null, results.get(0), "the sender heard it was written");
    }

    @Test
    void overTlsAnImmediateFlushIsLeftToTheIoThread() {
        FrameSinkConduit writer = writer(false);
        writer.enqueue(ascii("secret"), failure -> {});
        writer.flushFrames(Delivery.IMMEDIATE);
        waitUntil(() -> socket.taken.length() == 6);
        assertSame(ioThread, socket.writers.get(0));
    }

    @Test
    void aBatchedFlushIsOneWriteOnTheIoThreadOfEverythingQueuedByThen() throws Exception {
        FrameSinkConduit writer = writer(true);
        // the I/O thread is kept busy, so the scheduled flush runs only after all three are queued
        CountDownLatch release = new CountDownLatch(1);
        ioThread.execute(() -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (String frame : List.of("a", "b", "c")) {
            writer.enqueue(ascii(frame), failure -> {});
            writer.flushFrames(Delivery.BATCHED);
        }
        assertEquals("", socket.taken.toString(), "nothing written by the senders");
        release.countDown();
        waitUntil(() -> socket.taken.length() == 3);
        assertEquals("abc", socket.taken.toString());
        assertEquals(List.of(ioThread), socket.writers, "one write, on the I/O thread");
    }

    @Test
    void nothingIsTakenAfterTheLastFrame() {
        FrameSinkConduit writer = writer(true);
        List<Throwable> late = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("data"), failure -> {});
        writer.enqueueLast(ascii("close"), failure -> {});
        writer.enqueue(ascii("late"), late::add);
        writer.flushFrames(Delivery.IMMEDIATE);
        assertEquals("dataclose", socket.taken.toString(), "the close frame is the last on the wire");
        assertInstanceOf(ClosedChannelException.class, late.get(0), "the late sender hears why");
    }

    @Test
    void framesBehindAFullSocketKeepTheirOrderAndTheirSendersHearWhenTheyAreOut() {
        FrameSinkConduit writer = writer(true);
        List<String> heard = new CopyOnWriteArrayList<>();
        socket.room = 3;
        writer.enqueue(ascii("first"), failure -> heard.add("first " + failure));
        writer.flushFrames(Delivery.IMMEDIATE);
        assertEquals("fir", socket.taken.toString());
        assertTrue(socket.resumed, "waits for the socket to be writable");
        writer.enqueue(ascii("second"), failure -> heard.add("second " + failure));
        writer.flushFrames(Delivery.IMMEDIATE); // nothing more while the socket is full
        assertEquals("fir", socket.taken.toString());
        assertEquals(List.of(), heard);

        socket.drain();
        waitUntil(() -> heard.size() == 2);
        assertEquals("firstsecond", socket.taken.toString());
        assertEquals(List.of("first null", "second null"), heard);
        waitUntil(() -> !socket.resumed);
    }

    @Test
    void writesThroughTheChannelAreTakenWholeAndItsFlushWaitsForThemToBeOut() throws Exception {
        FrameSinkConduit writer = writer(true);
        socket.room = 2;
        writer.enqueue(ascii("DATA"), failure -> {});
        writer.flushFrames(Delivery.IMMEDIATE); // "DA" out, "TA" waits
        assertEquals(5, writer.write(ascii("close")), "a control frame is taken whole, never halfway");
        assertFalse(writer.flush(), "not out yet");
        writer.resumeWrites(); // as a channel above does when a flush did not finish
        socket.drain();
        waitUntil(() -> told.contains("writable"));
        assertEquals("DATAclose", socket.taken.toString(), "in the order handed over, frames whole");
        assertTrue(writer.flush());
    }

    @Test
    void aShutdownIsCarriedOutOnceTheBacklogIsOut() throws Exception {
        FrameSinkConduit writer = writer(true);
        socket.room = 0;
        writer.enqueue(ascii("last words"), failure -> {});
        writer.flushFrames(Delivery.IMMEDIATE);
        writer.terminateWrites();
        assertFalse(socket.terminated, "the socket is not shut with the frame still queued");
        assertFalse(writer.flush());
        List<Throwable> late = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("too late"), late::add);
        assertInstanceOf(ClosedChannelException.class, late.get(0), "nothing is taken after the shutdown");

        writer.resumeWrites();
        socket.drain();
        waitUntil(() -> told.contains("writable"));
        assertTrue(writer.flush());
        assertTrue(socket.terminated);
        assertEquals("last words", socket.taken.toString());
    }

    @Test
    void aFailedWriteTellsEverySenderAndClosesTheConnection() {
        FrameSinkConduit writer = writer(true);
        socket.failure = new IOException("Connection reset by peer");
        List<Throwable> results = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("one"), results::add);
        writer.enqueue(ascii("two"), results::add);
        writer.flushFrames(Delivery.IMMEDIATE);
        assertEquals(2, results.size());
        results.forEach(failure -> assertSame(socket.failure, failure));
        assertTrue(connectionClosed.get());

        List<Throwable> later = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("three"), later::add);
        assertSame(socket.failure, later.get(0), "later frames fail at once");
    }

    @Test
    void whenTheSocketEndsTheQueuedFramesAreRefusedAndTheChannelIsTold() throws Exception {
        FrameSinkConduit writer = writer(true);
        socket.room = 0;
        List<Throwable> results = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("never"), results::add);
        writer.flushFrames(Delivery.IMMEDIATE);
        socket.ready.terminated();
        assertInstanceOf(ClosedChannelException.class, results.get(0));
        assertEquals(List.of("terminated"), told);
        assertTrue(writer.flush(), "a closed socket is not a failure: the channel's last flush succeeds");
        List<Throwable> later = new CopyOnWriteArrayList<>();
        writer.enqueue(ascii("after"), later::add);
        assertInstanceOf(ClosedChannelException.class, later.get(0));
    }

    @Test
    void theWritersStatesAllowOnlyTheirMoves() {
        FrameSinkConduit.Output idle = FrameSinkConduit.Output.IDLE;
        FrameSinkConduit.Output writing = FrameSinkConduit.Output.WRITING;
        FrameSinkConduit.Output waiting = FrameSinkConduit.Output.AWAITING_WRITABLE;
        assertTrue(idle.mayBecome(writing));
        assertFalse(idle.mayBecome(waiting), "only a writer finds the socket full");
        assertFalse(writing.mayBecome(writing), "never two writers");
        assertTrue(writing.mayBecome(waiting));
        assertTrue(writing.mayBecome(idle));
        assertTrue(waiting.mayBecome(writing));
        assertTrue(waiting.mayBecome(idle));
        assertFalse(waiting.mayBecome(waiting));
    }

    @Test
    void theLifecycleOnlyGoesForward() {
        FrameSinkConduit.Lifecycle[] states = FrameSinkConduit.Lifecycle.values();
        for (FrameSinkConduit.Lifecycle from : states) {
            for (FrameSinkConduit.Lifecycle to : states) {
                assertEquals(to.ordinal() > from.ordinal(), from.mayBecome(to), from + " -> " + to);
            }
        }
    }

    @Test
    void aShutdownAfterTheCloseFrameWaitsForItAndEveryFrameBeforeIt() throws Exception {
        FrameSinkConduit writer = writer(true);
        List<String> heard = new CopyOnWriteArrayList<>();
        socket.room = 4;
        writer.enqueue(ascii("data"), failure -> heard.add("data " + failure));
        writer.enqueue(ascii("more"), failure -> heard.add("more " + failure));
        writer.enqueueLast(ascii("close"), failure -> heard.add("close " + failure));
        assertEquals(FrameSinkConduit.Lifecycle.LAST_QUEUED, writer.lifecycle());
        writer.flushFrames(Delivery.IMMEDIATE);
        assertEquals(FrameSinkConduit.Output.AWAITING_WRITABLE, writer.output());
        writer.terminateWrites();
        assertEquals(FrameSinkConduit.Lifecycle.SHUTDOWN_ASKED, writer.lifecycle());
        assertTrue(writer.isWriteShutdown());
        assertFalse(socket.terminated, "not with frames still queued");

        writer.resumeWrites();
        socket.drain();
        waitUntil(() -> told.contains("writable"));
        assertEquals(List.of("data null", "more null", "close null"), heard);
        assertFalse(socket.terminated, "carried out by the next flush, as XNIO's channel calls it");
        assertTrue(writer.flush());
        assertTrue(socket.terminated);
        assertEquals("datamoreclose", socket.taken.toString(), "the close frame last, then the shutdown");
        assertEquals(FrameSinkConduit.Lifecycle.SHUT_DOWN, writer.lifecycle());
        assertEquals(FrameSinkConduit.Output.IDLE, writer.output());
        writer.terminateWrites(); // a second shutdown changes nothing
        assertEquals(FrameSinkConduit.Lifecycle.SHUT_DOWN, writer.lifecycle());
    }

    @Test
    void aFailureIsFinalAndAShutdownAfterItStillReportsIt() throws Exception {
        FrameSinkConduit writer = writer(true);
        socket.failure = new IOException("Broken pipe");
        writer.enqueue(ascii("one"), failure -> {});
        writer.flushFrames(Delivery.IMMEDIATE);
        assertEquals(FrameSinkConduit.Lifecycle.FAILED, writer.lifecycle());
        socket.ready.terminated(); // the connection's close, which the failure started, comes back to the writer
        assertEquals(FrameSinkConduit.Lifecycle.FAILED, writer.lifecycle(), "the end of the socket does not undo the failure");
        IOException thrown = assertThrows(IOException.class, writer::flush);
        assertSame(socket.failure, thrown);
    }
}
