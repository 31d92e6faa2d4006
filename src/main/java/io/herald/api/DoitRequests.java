package io.herald.api;

import io.herald.api.http.DoitServlet;
import io.herald.Herald;
import io.herald.registry.Stats;
import io.herald.util.ProtocolLog;
import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import io.herald.registry.Registry;
import io.herald.push.Target;
import io.herald.security.App;
import io.herald.security.RequestHeaders;
import io.herald.security.RequestSource;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The doit-socket proxy's HTTP interface, answer for answer, with no container types, so that the servlet
 * ({@link DoitServlet}) and a container's native fast path answer alike:
 * <ul>
 *   <li>{@code GET /emit?id=<key>&message=<event>&<k>=<v>…}: emits the other parameters as an object, or
 *       with {@code _type=string&_data=<s>} the plain string; answers {@code OK}, or {@code ERROR} when
 *       {@code id} or {@code message} is missing;</li>
 *   <li>{@code POST /emit} (form): {@code id} or {@code id[]…}, {@code message}, {@code data} (a JSON string,
 *       {@code {}} when absent); answers {@code OK} if a socket of one of the users received it, else
 *       {@code ERROR} (also for malformed {@code data}, which delivers nothing);</li>
 *   <li>{@code GET /stat/all}: the number of rooms as the proxy counted them (one per socket, one per user).</li>
 * </ul>
 * The proxy could not authenticate requests, so this form is refused (403, JSON) unless the app enables
 * unsigned emits, and then only from its listed networks. The app is the default one, or {@code app=<key>}.
 * The client's address is read through {@code herald.trustedProxies} only; forwarding headers from any other
 * peer refuse the request, since whoever sent them may stand behind a proxy on an allowed network. Requests
 * that a browser page made (with an {@code Origin}, or {@code Sec-Fetch-Site} naming another site) are
 * refused too: a page on any site could otherwise make a browser inside an allowed network emit for it.
 */
public final class DoitRequests {
    /** The paths this interface answers, relative to the web application. */
    public static final String EMIT = "/emit", STATS = "/stat/all";
    /** The largest POST body, in bytes. */
    public static final int MAX_BODY_BYTES = Bodies.MAX_BYTES;

    private DoitRequests() {}

    /** What to answer: a status, a content type and a body. */
    public record Answer(int status, String contentType, byte[] body) {
        static Answer text(String text) {
            return new Answer(200, "text/html; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
        }

        static Answer error(ApiException e) {
            return new Answer(e.status(), "application/json", e.json().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Answers one request.
     *
     * @param method     {@code GET} or {@code POST} (others get 405)
     * @param path       {@link #EMIT} or {@link #STATS}
     * @param query      the raw query string, or {@code null}
     * @param body       the raw POST body (at most {@link #MAX_BODY_BYTES} + 1 bytes read), or {@code null}
     * @param peer       the address of the connection's other end (the servlet's {@code getRemoteAddr()})
     * @param headers    the request's headers: forwarding headers, {@code Origin}, {@code Sec-Fetch-Site}
     */
    public static Answer answer(Herald herald, String method, String path, String query, byte[] body,
                                String peer, RequestHeaders headers) {
        Map<String, Object> params = FormParams.parse(query);
        if (body != null) {
            if (body.length > MAX_BODY_BYTES) return Answer.error(Bodies.tooLarge());
            params.putAll(FormParams.parse(new String(body, StandardCharsets.UTF_8)));
        }
        Registry registry = herald.registry();
        Object appKey = params.remove("app");
        App app = appKey instanceof String key ? registry.apps().byKey(key) : registry.apps().defaultApp();
        if (app == null) return Answer.error(new ApiException(404, "unknown_app", "no app has this key"));
        if (!app.unsignedEmit()) return Answer.error(new ApiException(403, "forbidden",
                "unsigned doit emits are not enabled for this app"));
        if (fromBrowserPage(headers)) {
            return Answer.error(new ApiException(403, "forbidden",
                    "unsigned doit emits are not accepted from browser pages (the request has Origin or Sec-Fetch-Site)"));
        }
        RequestSource from = herald.config().engine().trustedProxies().resolve(peer, null, null, headers);
        if (from.untrustedForwarding()) {
            ProtocolLog.refusal("refused an unsigned " + path + " with forwarding headers from " + peer
                    + ": if that is your proxy, list it in herald.trustedProxies");
            return Answer.error(new ApiException(403, "forbidden", "unsigned doit emits with forwarding headers are "
                    + "accepted only from proxies listed in herald.trustedProxies"));
        }
        if (!app.acceptsUnsignedFrom(from.address())) {
            return Answer.error(new ApiException(403, "forbidden",
                    "unsigned doit emits are not accepted from this network"));
        }
        if (STATS.equals(path)) {
            Stats stats = registry.stats().everywhere(app.id()).toCompletableFuture().join().value(); // the whole cluster
            return Answer.text(Integer.toString(stats.sockets() + stats.users()));
        }
        return switch (method) {
            case "POST" -> Answer.text(post(registry, app, params) ? "OK" : "ERROR");
            case "GET" -> Answer.text(get(registry, app, params) ? "OK" : "ERROR");
            default -> Answer.error(new ApiException(405, "method_not_allowed", "use GET or POST"));
        };
    }

    /**
     * Whether a browser sent the request for a page: browsers add {@code Origin} to every cross-origin
     * request but plain GETs, and {@code Sec-Fetch-Site} to all of them; backends send neither.
     */
    private static boolean fromBrowserPage(RequestHeaders headers) {
        if (headers.has("origin")) return true;
        String site = headers.first("sec-fetch-site");
        return site != null && (site.trim().equalsIgnoreCase("cross-site") || site.trim().equalsIgnoreCase("same-site"));
    }

    private static boolean get(Registry registry, App app, Map<String, Object> params) {
        List<String> users = users(params.remove("id"));
        Object message = params.remove("message");
        if (users.isEmpty() || !(message instanceof String event) || event.isEmpty()) return false;
        Object data = "string".equals(params.get("_type")) ? stringOr(params.get("_data")) : params;
        emit(registry, app, users, event, data);
        return true;
    }

    private static boolean post(Registry registry, App app, Map<String, Object> params) {
        List<String> users = users(params.get("id"));
        if (users.isEmpty() || !(params.get("message") instanceof String event) || event.isEmpty()) return false;
        Object data = Map.of();
        if (params.get("data") instanceof String json && !json.isEmpty()) {
            try {
                data = Json.parse(json);
            } catch (ProtocolException e) {
                return false; // the original crashed here; Herald delivers nothing and says so
            }
        }
        return emit(registry, app, users, event, data) > 0;
    }

    private static int emit(Registry registry, App app, List<String> users, String event, Object data) {
        try {
            return registry.emit(Target.nobody().toUsers(users).inApp(app.id()), event, data);
        } catch (IllegalArgumentException e) { // a reserved event name
            return 0;
        }
    }

    /** {@code id} as one key or a list of keys; anything else is no key. */
    private static List<String> users(Object id) {
        List<String> users = new ArrayList<>();
        if (id instanceof String key && !key.isEmpty()) users.add(key);
        if (id instanceof List<?> list) {
            for (Object item : list) if (item instanceof String key && !key.isEmpty()) users.add(key);
        }
        return users;
    }

    private static String stringOr(Object value) {
        return value instanceof String s ? s : "";
    }
}
