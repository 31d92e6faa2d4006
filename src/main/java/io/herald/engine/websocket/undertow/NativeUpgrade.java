package io.herald.engine.websocket.undertow;

import io.herald.engine.EngineBindings;
import io.herald.engine.EngineServer;
import io.herald.engine.Handshake;
import io.herald.engine.ProtocolLog;
import io.herald.engine.websocket.HeaderNames;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.servlet.api.ThreadSetupHandler;
import io.undertow.servlet.spec.ServletContextImpl;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import jakarta.servlet.ServletContext;
import java.net.InetSocketAddress;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.xnio.StreamConnection;
import org.xnio.ssl.SslConnection;

/**
 * Takes WebSocket upgrades at the paths that have an engine bound ({@code /socket.io/}), before the servlet
 * layer: checks the origin (403 when refused, as the JSR-356 configurator does), lets Undertow do the
 * RFC 6455 handshake, puts Herald's writer ({@link FrameSinkConduit}) in front of the new connection's
 * socket, and opens a {@link NativeSocket} on it. Everything else goes on to {@code next}, and so do the
 * drafts before RFC 6455 (versions 7 and 8), which the JSR-356 layer still answers.
 */
public final class NativeUpgrade implements HttpHandler, WebSocketConnectionCallback {
    /** What the handshake request said, carried from {@link #handleRequest} to {@link #onConnect}. */
    private static final AttachmentKey<Request> REQUEST = AttachmentKey.create(Request.class);
    /** The writer put on the connection, carried from {@link WriterHandshake#createChannel} to {@link #onConnect}. */
    private static final AttachmentKey<FrameSinkConduit> WRITER = AttachmentKey.create(FrameSinkConduit.class);

    private final HttpHandler next;
    private final ServletContext context;
    private final WebSocketProtocolHandshakeHandler handshake;
    private volatile ThreadSetupHandler.Action<Void, Runnable> inDeployment; // made on first use

    NativeUpgrade(HttpHandler next, ServletContext context) {
        this.next = next;
        this.context = context;
        this.handshake = new WebSocketProtocolHandshakeHandler(List.of(new WriterHandshake()), this, next);
    }

    /**
     * Runs a task the way the container runs a JSR-356 endpoint method: with the deployment's class loader,
     * naming context and CDI contexts (WildFly's thread setup). The application's observers need them; a
     * worker thread of Undertow's own has none of them.
     */
    private ThreadSetupHandler.Action<Void, Runnable> inDeployment() {
        ThreadSetupHandler.Action<Void, Runnable> action = inDeployment;
        if (action == null) {
            ThreadSetupHandler.Action<Void, Runnable> plain = (exchange, task) -> {
                task.run();
                return null;
            };
            // the deployment exists once it has started, which is before any request reaches this handler
            action = context instanceof ServletContextImpl servlets
                    ? servlets.getDeployment().createThreadSetupAction(plain) : plain;
            inDeployment = action;
        }
        return action;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        EngineServer engine = exchange.getRequestHeaders().contains(Headers.UPGRADE)
                ? EngineBindings.get(exchange.getRelativePath()) : null;
        if (engine == null || !engine.options().nativeWebSocket()) {
            next.handleRequest(exchange); // not ours, or Herald is not started yet: JSR-356 answers as before
            return;
        }
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (!engine.options().origins().allows(origin)) {
            ProtocolLog.refusal("refused a WebSocket from origin " + origin + ": add it to herald.allowedOrigins to allow it");
            exchange.setStatusCode(StatusCodes.FORBIDDEN);
            exchange.endExchange();
            return;
        }
        exchange.putAttachment(REQUEST, new Request(engine, exchange));
        handshake.handleRequest(exchange);
    }

    /** Undertow has switched protocols; runs on the connection's I/O thread. */
    @Override
    public void onConnect(WebSocketHttpExchange upgrade, WebSocketChannel channel) {
        Request request = upgrade.getAttachment(REQUEST);
        FrameSinkConduit writer = upgrade.getAttachment(WRITER);
        Handshake handshake = new Handshake(headers(request.exchange), query(request.exchange),
                remoteAddress(request.exchange), System.currentTimeMillis());
        forget(request.exchange);
        NativeSocket.open(channel, writer, request.engine, handshake, inDeployment());
    }

    /**
     * Undertow's RFC 6455 handshake (no extensions, as before), which makes the WebSocket channel on the
     * upgraded connection; Herald's writer goes in front of the socket first, so the channel writes through it.
     */
    private static final class WriterHandshake extends Hybi13Handshake {
        @Override
        public WebSocketChannel createChannel(WebSocketHttpExchange exchange, StreamConnection connection,
                                              ByteBufferPool pool) {
            // over TLS the I/O thread alone writes: the TLS conduit is not written from other threads
            exchange.putAttachment(WRITER, FrameSinkConduit.install(connection, !(connection instanceof SslConnection)));
            return super.createChannel(exchange, connection, pool);
        }
    }

    /**
     * Undertow keeps the upgrade's exchange as long as the connection lives; its headers and parameters
     * have been copied into the {@link Handshake}, so they go (about 1 KiB a connection). Path parameters are
     * left alone: there are none, and asking for them would create the map.
     */
    private static void forget(HttpServerExchange exchange) {
        exchange.removeAttachment(REQUEST);
        exchange.removeAttachment(WRITER);
        exchange.getRequestHeaders().clear();
        exchange.getResponseHeaders().clear();
        exchange.getQueryParameters().clear();
    }

    private static Map<String, List<String>> headers(HttpServerExchange exchange) {
        Map<String, List<String>> headers = new HashMap<>();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            headers.put(HeaderNames.lowerCase(values.getHeaderName().toString()), List.copyOf(values));
        }
        return headers;
    }

    /** The decoded query parameters, as JSR-356's {@code getRequestParameterMap} gives them. */
    private static Map<String, List<String>> query(HttpServerExchange exchange) {
        Map<String, List<String>> query = new HashMap<>();
        for (Map.Entry<String, Deque<String>> parameter : exchange.getQueryParameters().entrySet()) {
            query.put(parameter.getKey(), List.copyOf(parameter.getValue()));
        }
        return query;
    }

    /**
     * The peer's address as the servlet's {@code getRemoteAddr()} gives it: after any proxy-address
     * forwarding of the listener. Also what the doit {@code /emit} fast path checks unsigned emits against.
     */
    public static String remoteAddress(HttpServerExchange exchange) {
        InetSocketAddress source = exchange.getSourceAddress();
        if (source == null) return null;
        return source.getAddress() == null ? source.getHostString() : source.getAddress().getHostAddress();
    }

    private record Request(EngineServer engine, HttpServerExchange exchange) {}
}
