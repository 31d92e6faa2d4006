package io.herald.adapter.servlet;

import io.herald.engine.CloseCause;
import io.herald.engine.EngineBindings;
import io.herald.engine.EngineError;
import io.herald.engine.EngineServer;
import io.herald.engine.EngineSession;
import io.herald.engine.Handshake;
import io.herald.util.ProtocolLog;
import io.herald.protocol.ProtocolException;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import io.herald.security.OriginPolicy;
import io.herald.security.TrustedProxies;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Engine.IO's HTTP long-polling transport at {@code <context>/socket.io/}: the handshake (GET without a
 * sid), polls (GET), packets from the client (POST, answered {@code ok}), CORS for allowed origins, and the
 * Engine.IO error answers. WebSocket upgrade requests to the same path never reach it: the container's
 * WebSocket support takes them first.
 */
@WebServlet(name = "herald-polling", urlPatterns = EngineBindings.SOCKET_IO_PATH, asyncSupported = true)
public class PollingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    /** The path whose engine serves this servlet; a subclass at another path overrides it. */
    protected String enginePath() {
        return EngineBindings.SOCKET_IO_PATH;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        EngineServer engine = EngineBindings.get(enginePath());
        if (engine == null) {
            response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        if (!applyCors(engine.options().origins(), engine.options().trustedProxies(), request, response)) return;
        if ("OPTIONS".equals(request.getMethod())) {
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        Map<String, String> query = parseQuery(request.getQueryString());
        String transport = query.get("transport");
        EngineError error = engine.check(query.get("EIO"), transport);
        if (error == null && !"polling".equals(transport)) error = EngineError.BAD_REQUEST; // a WebSocket request without upgrade
        if (error != null) {
            HttpErrors.send(response, error);
            return;
        }
        EngineVersion version = EngineVersion.fromQuery(query.get("EIO"));
        String sid = query.get("sid");
        if (sid == null) {
            if ("GET".equals(request.getMethod())) {
                handshake(engine, version, query, request, response);
            } else {
                HttpErrors.send(response, EngineError.BAD_HANDSHAKE_METHOD);
            }
            return;
        }
        EngineSession session = engine.session(sid);
        if (session == null) {
            HttpErrors.send(response, EngineError.UNKNOWN_SID);
            return;
        }
        if (!(session.transport() instanceof PollingTransport polling) || session.version() != version) {
            HttpErrors.send(response, EngineError.BAD_REQUEST); // upgraded to WebSocket, or a mismatched version
            return;
        }
        switch (request.getMethod()) {
            case "GET" -> polling.poll(request, response);
            case "POST" -> post(engine, polling, request, response);
            default -> HttpErrors.send(response, EngineError.BAD_REQUEST);
        }
    }

    /**
     * Refuses a browser origin outside the policy (403), and answers an allowed one with the CORS headers
     * that let it read the response with credentials (cookies), which old clients always send. A page of the
     * request's own origin (scheme and host, through trusted proxies) is not foreign and needs no listing.
     */
    private static boolean applyCors(OriginPolicy policy, TrustedProxies proxies, HttpServletRequest request,
                                     HttpServletResponse response) throws IOException {
        String origin = request.getHeader("Origin");
        response.addHeader("Vary", "Origin");
        if (origin == null) return true;
        if (!policy.allows(origin) && !ServletRequestSource.of(request, proxies).isOwnOrigin(origin)) {
            ProtocolLog.refusal("refused a polling request from origin " + origin
                    + ": add it to herald.allowedOrigins to allow it");
            HttpErrors.send(response, EngineError.FORBIDDEN);
            return false;
        }
        response.setHeader("Access-Control-Allow-Origin", origin);
        response.setHeader("Access-Control-Allow-Credentials", "true");
        if ("OPTIONS".equals(request.getMethod())) {
            response.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            String headers = request.getHeader("Access-Control-Request-Headers");
            response.setHeader("Access-Control-Allow-Headers", headers == null ? "Content-Type" : headers);
            response.setHeader("Access-Control-Max-Age", "86400");
        }
        return true;
    }

    private static void handshake(EngineServer engine, EngineVersion version, Map<String, String> query,
                                  HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean base64 = query.containsKey("b64") && !"0".equals(query.get("b64")) && !"false".equals(query.get("b64"));
        long maxQueued = engine.options().maxQueuedBytes();
        long pollTimeout = engine.options().pingInterval().toMillis() + engine.options().pingTimeout().toMillis();
        PollingTransport[] created = new PollingTransport[1];
        EngineSession opened = engine.open(version, handshakeOf(request, query, engine.options().trustedProxies()), List.of("websocket"),
                s -> created[0] = new PollingTransport(s, version, base64, maxQueued, pollTimeout));
        if (opened == null) {
            HttpErrors.send(response, EngineError.SERVER_BUSY);
            return;
        }
        created[0].poll(request, response); // the open packet is waiting: answered at once
    }

    private static void post(EngineServer engine, PollingTransport polling, HttpServletRequest request,
                             HttpServletResponse response) throws IOException {
        EngineSession session = polling.session();
        if (!polling.beginPost()) {
            HttpErrors.send(response, EngineError.BAD_REQUEST);
            session.fail("overlapping POST requests");
            return;
        }
        try {
            int max = engine.options().maxPayload();
            byte[] body = request.getContentLengthLong() > max ? null : readAtMost(request.getInputStream(), max);
            if (body == null) {
                HttpErrors.send(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
                        "{\"code\":3,\"message\":\"Payload too large\"}");
                session.logViolation("POST body over maxPayload (" + max + " bytes)");
                session.close(CloseCause.TOO_LARGE, false);
                return;
            }
            List<EnginePacket> packets;
            try {
                packets = decode(session.version(), request.getContentType(), body);
            } catch (ProtocolException e) {
                HttpErrors.send(response, EngineError.BAD_REQUEST);
                session.fail(e.getMessage());
                return;
            }
            for (EnginePacket packet : packets) session.receive(packet);
            byte[] ok = "ok".getBytes(StandardCharsets.US_ASCII);
            response.setContentType("text/html; charset=UTF-8");
            response.setContentLength(ok.length);
            response.getOutputStream().write(ok);
        } finally {
            polling.endPost();
        }
    }

    private static List<EnginePacket> decode(EngineVersion version, String contentType, byte[] body)
            throws ProtocolException {
        if (version == EngineVersion.V4) {
            return EngineCodec.decodePayloadV4(utf8(body));
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/octet-stream")) {
            return EngineCodec.decodePayloadV3(body);
        }
        return EngineCodec.decodePayloadV3(utf8(body));
    }

    /** Strict UTF-8: a body that is not valid UTF-8 is malformed, not quietly repaired. */
    private static String utf8(byte[] body) throws ProtocolException {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("payload is not valid UTF-8");
        }
    }

    /** The body, or {@code null} when it is longer than {@code max} bytes. */
    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] body = in.readNBytes(max + 1);
        return body.length > max ? null : body;
    }

    private static Handshake handshakeOf(HttpServletRequest request, Map<String, String> query, TrustedProxies proxies) {
        Map<String, List<String>> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(request.getHeaders(name)));
        }
        Map<String, List<String>> params = new HashMap<>();
        query.forEach((k, v) -> params.put(k, List.of(v)));
        String client = ServletRequestSource.of(request, proxies).address();
        return new Handshake(headers, params, client, System.currentTimeMillis());
    }

    /** Query parameters, first value wins; parsed by hand so that a form body is never consumed. */
    static Map<String, String> parseQuery(String query) {
        Map<String, String> params = new HashMap<>();
        if (query == null) return params;
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(name, value);
        }
        return params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
