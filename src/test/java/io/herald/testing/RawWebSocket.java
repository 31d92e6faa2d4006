package io.herald.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client (the JDK's) that records what the server sends, for tests that speak Engine.IO
 * by hand: exact frames in, exact frames out, and how the server closed.
 */
public final class RawWebSocket implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final WebSocket ws;
    private final BlockingQueue<Object> frames;
    private final CompletableFuture<Ending> closeCode;

    /** How the connection ended: a close frame from the server, or an abort (reset, EOF, error) without one. */
    public sealed interface Ending {
        record Closed(int code, String reason) implements Ending {}

        record Aborted(Throwable error) implements Ending {}
    }

    private RawWebSocket(WebSocket ws, BlockingQueue<Object> frames, CompletableFuture<Ending> closeCode) {
        this.ws = ws;
        this.frames = frames;
        this.closeCode = closeCode;
    }

    /** Opens a WebSocket with extra handshake headers (name, value, …); throws when the server refuses it. */
    public static RawWebSocket connect(URI uri, String... headers) {
        return open(HTTP, uri, false, headers);
    }

    /** Opens a WebSocket with the given client (one that trusts a test certificate, say). */
    public static RawWebSocket connect(HttpClient client, URI uri) {
        return open(client, uri, false);
    }

    /**
     * A client that reads nothing after opening: its TCP window fills up and the server's sends to it pile
     * up, as with a client on a dead network or a frozen tab.
     */
    public static RawWebSocket connectStalled(URI uri) {
        return open(HTTP, uri, true);
    }

    private static RawWebSocket open(HttpClient client, URI uri, boolean stalled, String... headers) {
        BlockingQueue<Object> frames = new LinkedBlockingQueue<>();
        CompletableFuture<Ending> closeCode = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();
            private ByteBuffer binary = ByteBuffer.allocate(0);

            @Override
            public void onOpen(WebSocket ws) {
                if (!stalled) ws.request(1);
            }

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(text.toString());
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
                joined.put(binary).put(data).flip();
                binary = joined;
                if (last) {
                    byte[] bytes = new byte[binary.remaining()];
                    binary.get(bytes);
                    frames.add(bytes);
                    binary = ByteBuffer.allocate(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
                byte[] bytes = new byte[message.remaining()];
                message.get(bytes);
                frames.add(new Pong(bytes));
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                // 1006 is never sent in a close frame (RFC 6455 7.4.1): the JDK reports it for a connection that ended without one
                closeCode.complete(statusCode == 1006 ? new Ending.Aborted(new java.io.IOException("ended without a close frame (1006)"))
                        : new Ending.Closed(statusCode, reason));
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closeCode.complete(new Ending.Aborted(error));
            }
        };
        WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i < headers.length; i += 2) builder.header(headers[i], headers[i + 1]);
        WebSocket ws = builder.buildAsync(uri, listener).join();
        return new RawWebSocket(ws, frames, closeCode);
    }

    public RawWebSocket send(String text) {
        ws.sendText(text, true).join();
        return this;
    }

    /** Sends one text message in fragments (a text frame, then continuations), {@code parts} in order. */
    public RawWebSocket sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) ws.sendText(parts[i], i == parts.length - 1).join();
        return this;
    }

    /** Sends a WebSocket ping (a control frame, not Engine.IO's); its answer arrives as a {@link Pong}. */
    public RawWebSocket ping(byte[] data) {
        ws.sendPing(ByteBuffer.wrap(data)).join();
        return this;
    }

    /** A WebSocket pong, as {@link #poll} returns it. */
    public record Pong(byte[] data) {}

    public RawWebSocket sendBinary(byte[] data) {
        ws.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next text frame, failing the test after 5 s. Binary frames are skipped into {@link #nextBinary}. */
    public String next() {
        Object frame = poll(5000);
        if (frame == null) {
            throw new AssertionError("no frame within 5 s" + (closeCode.isDone() ? "; the connection ended: " + closeCode.join() : ""));
        }
        if (!(frame instanceof String s)) throw new AssertionError("expected a text frame, got binary");
        return s;
    }

    public byte[] nextBinary() {
        Object frame = poll(5000);
        if (!(frame instanceof byte[] b)) throw new AssertionError("expected a binary frame, got " + frame);
        return b;
    }

    /** The next frame that is not a ping, answering pings on the way so the session stays up. */
    public String nextSkippingPings() {
        while (true) {
            String frame = next();
            if (!frame.equals("2")) return frame;
            send("3");
        }
    }

    /** The next frame within {@code millis}, or {@code null}. */
    public Object poll(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * The code of the close frame the server sent, waiting up to {@code millis}; {@code null} if the connection is
     * still open then. A connection that ended without a close frame fails the test: a test that expects a close
     * asserts its code, and one that expects the server to drop the connection calls {@link #awaitAbort}.
     */
    public Integer closeCode(long millis) {
        Ending ending = ending(millis);
        if (ending == null) return null;
        if (ending instanceof Ending.Aborted aborted) {
            throw new AssertionError("the connection ended without a close frame", aborted.error());
        }
        return ((Ending.Closed) ending).code();
    }

    /** Waits up to {@code millis} for the connection to end without a close frame; fails on a close frame or a timeout. */
    public Throwable awaitAbort(long millis) {
        Ending ending = ending(millis);
        if (ending instanceof Ending.Aborted aborted) return aborted.error();
        throw new AssertionError(ending == null ? "still open after " + millis + " ms" : "closed with a close frame: " + ending);
    }

    /** How the connection ended, waiting up to {@code millis}; {@code null} if it is still open. */
    public Ending ending(long millis) {
        try {
            return closeCode.get(millis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
    }

    /** Drops the TCP connection without a close frame, as a client whose network went away. */
    public void abort() {
        ws.abort();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        ws.abort();
    }
}
