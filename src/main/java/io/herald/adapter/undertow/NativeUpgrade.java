package io.herald.adapter.undertow;

import io.herald.engine.EngineBindings;
import io.herald.engine.EngineServer;
import io.herald.engine.Handshake;
import io.herald.util.ProtocolLog;
import io.herald.engine.websocket.HeaderNames;
import io.herald.security.RequestHeaders;
import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.HttpUpgradeListener;
import io.undertow.servlet.api.ThreadSetupHandler;
import io.undertow.servlet.spec.ServletContextImpl;
import io.undertow.util.AttachmentKey;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
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
 * layer: checks the origin (403 when refused, as the JSR-356 configurator does), lets Undertow answer the
 * RFC 6455 handshake, then takes the bare connection: Herald's writer ({@link FrameSinkConduit}) goes in
 * front of its socket and a {@link NativeSocket} reads it; Undertow makes no WebSocket channel. Everything
 * else goes on to {@code next}, and so do the drafts before RFC 6455 (versions 7 and 8), which the JSR-356
 * layer still answers.
 */
public final class NativeUpgrade implements HttpHandler, HttpUpgradeListener {
    /** The engine that takes the socket, carried from {@link #handleRequest} to {@link #handleUpgrade}. */
    private static final AttachmentKey<EngineServer> ENGINE = AttachmentKey.create(EngineServer.class);

    private final HttpHandler next;
    private final ServletContext context;
    private final WebSocketProtocolHandshakeHandler handshake;
    private volatile ThreadSetupHandler.Action<Void, Runnable> inDeployment; // made on first use

    NativeUpgrade(HttpHandler next, ServletContext context) {
        this.next = next;
        this.context = context;
        // no extensions are offered, as before: Herald frames its messages itself
        this.handshake = new WebSocketProtocolHandshakeHandler(List.of(new Hybi13Handshake()), this, next);
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
        if (!engine.options().origins().allows(origin)
                && !source(exchange, engine.options().trustedProxies()).isOwnOrigin(origin)) {
            ProtocolLog.refusal("refused a WebSocket from origin " + origin + ": add it to herald.allowedOrigins to allow it");
            exchange.setStatusCode(StatusCodes.FORBIDDEN);
            exchange.endExchange();
            return;
        }
        exchange.putAttachment(ENGINE, engine);
        handshake.handleRequest(exchange);
    }

    /** Undertow has sent the 101 response; {@code socket} is the bare connection from here on. */
    @Override
    public void handleUpgrade(StreamConnection socket, HttpServerExchange exchange) {
        EngineServer engine = exchange.getAttachment(ENGINE);
        String client = source(exchange, engine.options().trustedProxies()).address();
        Handshake handshake = new Handshake(headers(exchange), query(exchange), client, System.currentTimeMillis());
        // over TLS the I/O thread alone writes: the TLS conduit is not written from other threads
        FrameSinkConduit writer = FrameSinkConduit.install(socket, !(socket instanceof SslConnection));
        NativeSocket.open(socket, writer, engine, handshake, inDeployment());
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

    /** The exchange's request headers, for {@link TrustedProxies} and the doit checks. */
    public static RequestHeaders requestHeaders(HttpServerExchange exchange) {
        return name -> {
            HeaderValues values = exchange.getRequestHeaders().get(name);
            return values == null ? List.of() : values;
        };
    }

    /** Where the request came from: its peer, scheme and {@code Host}, read through the trusted proxies. */
    public static RequestSource source(HttpServerExchange exchange, TrustedProxies proxies) {
        return proxies.resolve(remoteAddress(exchange), exchange.getRequestScheme(),
                exchange.getRequestHeaders().getFirst(Headers.HOST), requestHeaders(exchange));
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
}
