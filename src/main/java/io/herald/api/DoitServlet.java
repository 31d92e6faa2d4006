package io.herald.api;

import io.herald.Herald;
import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import io.herald.registry.Registry;
import io.herald.registry.Target;
import io.herald.security.App;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The doit-socket proxy's HTTP interface, answer for answer, so an unmodified doit-cms PHP client works:
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
 */
@WebServlet(name = "herald-doit", urlPatterns = {"/emit", "/stat/all"})
public class DoitServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Herald herald = HeraldLookup.from(getServletContext());
        Map<String, Object> params = FormParams.parse(request.getQueryString());
        if ("POST".equals(request.getMethod())) {
            byte[] body = request.getInputStream().readNBytes(Bodies.MAX_BYTES + 1);
            if (body.length > Bodies.MAX_BYTES) {
                error(response, new ApiException(413, "too_large", "the request body is larger than " + Bodies.MAX_BYTES + " bytes"));
                return;
            }
            params.putAll(FormParams.parse(new String(body, StandardCharsets.UTF_8)));
        }
        Object appKey = params.remove("app");
        App app = appKey instanceof String key ? herald.registry().apps().byKey(key) : herald.registry().apps().defaultApp();
        if (app == null) {
            error(response, new ApiException(404, "unknown_app", "no app has this key"));
            return;
        }
        if (!app.acceptsUnsignedFrom(request.getRemoteAddr())) {
            error(response, new ApiException(403, "forbidden",
                    "unsigned doit emits are not enabled for this app, or not from this network"));
            return;
        }
        Registry registry = herald.registry();
        if (request.getServletPath().equals("/stat/all")) {
            Registry.Stats stats = registry.statsEverywhere(app.id()).toCompletableFuture().join().value(); // the whole cluster
            answer(response, Integer.toString(stats.sockets() + stats.users()));
        } else if ("POST".equals(request.getMethod())) {
            answer(response, post(registry, app, params) ? "OK" : "ERROR");
        } else if ("GET".equals(request.getMethod())) {
            answer(response, get(registry, app, params) ? "OK" : "ERROR");
        } else {
            response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        }
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

    private static void answer(HttpServletResponse response, String text) throws IOException {
        byte[] body = text.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html; charset=utf-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void error(HttpServletResponse response, ApiException e) throws IOException {
        byte[] body = e.json().getBytes(StandardCharsets.UTF_8);
        response.setStatus(e.status());
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
