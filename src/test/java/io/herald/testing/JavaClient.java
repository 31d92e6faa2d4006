package io.herald.testing;

import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Manager;
import io.socket.client.Socket;
import io.socket.engineio.client.transports.WebSocket;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.json.JSONObject;

/**
 * The official Java Socket.IO client wrapped for tests: records every event it receives, in order, and
 * waits for connection results with timeouts so a broken server fails a test instead of hanging it.
 */
public final class JavaClient implements AutoCloseable {
    /** One received event: its name and arguments. */
    public record Received(String event, List<Object> args) {}

    private final Socket socket;
    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Object> connected = new CompletableFuture<>();

    private JavaClient(Socket socket) {
        this.socket = socket;
        socket.on(Socket.EVENT_CONNECT, args -> connected.complete("connected"));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> connected.complete(args.length > 0 ? args[0] : "error"));
        socket.onAnyIncoming(args -> received.add(new Received((String) args[0], Arrays.asList(args).subList(1, args.length))));
    }

    public static IO.Options options() {
        return IO.Options.builder()
                .setForceNew(true)
                .setReconnection(false)
                .setTransports(new String[] {WebSocket.NAME})
                .build();
    }

    /** Connects to the main namespace over WebSocket and waits until connected. */
    public static JavaClient connect(URI server) {
        return connect(server, "/", options());
    }

    public static JavaClient connect(URI server, String namespace, IO.Options options) {
        return connect(server, namespace, options, true);
    }

    /** Connects; with {@code await}, waits until connected, else leaves the result to {@link #connectResult}. */
    public static JavaClient connect(URI server, String namespace, IO.Options options, boolean await) {
        JavaClient client = new JavaClient(IO.socket(server.resolve(namespace), options));
        client.socket.connect();
        if (await) client.awaitConnect();
        return client;
    }

    /** Several namespace sockets sharing one connection. */
    public static Manager manager(URI server) {
        return new Manager(server, options());
    }

    public static JavaClient on(Manager manager, String namespace) {
        JavaClient client = new JavaClient(manager.socket(namespace));
        client.socket.connect();
        return client;
    }

    /** Waits for the connect result: the string "connected", or the connect_error payload. */
    public Object connectResult() {
        try {
            return connected.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no connect result within 5 s", e);
        }
    }

    public JavaClient awaitConnect() {
        Object result = connectResult();
        if (!"connected".equals(result)) throw new AssertionError("connect failed: " + result);
        return this;
    }

    public Socket socket() {
        return socket;
    }

    public String id() {
        return socket.id();
    }

    /** Registers a user key the doit way and waits for the server's acknowledgement. */
    public JavaClient register(String key) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        socket.emit("register", new Object[] {new JSONObject(Map.of("userid", key))}, (Ack) args -> done.complete(args[0]));
        try {
            JSONObject answer = (JSONObject) done.get(5, TimeUnit.SECONDS);
            if (!answer.getBoolean("ok")) throw new AssertionError("register refused: " + answer);
        } catch (Exception e) {
            throw new AssertionError("register failed", e);
        }
        return this;
    }

    /** The next event received, or a failure after 5 s. */
    public Received next() {
        Received r = poll(5000);
        if (r == null) throw new AssertionError("no event within 5 s");
        return r;
    }

    /** The next event with this name, skipping others (such as the demo page's presence updates). */
    public Received next(String event) {
        long deadline = System.currentTimeMillis() + 5000;
        while (true) {
            Received r = poll(Math.max(1, deadline - System.currentTimeMillis()));
            if (r == null) throw new AssertionError("no '" + event + "' within 5 s");
            if (r.event().equals(event)) return r;
        }
    }

    /** The next event with this name within {@code millis}, skipping others; {@code null} when none came. */
    public Received poll(String event, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        for (long left = millis; left > 0; left = deadline - System.currentTimeMillis()) {
            Received r = poll(left);
            if (r == null) return null;
            if (r.event().equals(event)) return r;
        }
        return null;
    }

    public Received poll(long millis) {
        try {
            return received.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Emits and waits for the server's ack, returning its arguments. */
    public List<Object> request(String event, Object... args) {
        CompletableFuture<Object[]> answer = new CompletableFuture<>();
        socket.emit(event, args, (Ack) answer::complete);
        try {
            return Arrays.asList(answer.get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new AssertionError("no ack for " + event, e);
        }
    }

    @Override
    public void close() {
        socket.disconnect();
    }
}
