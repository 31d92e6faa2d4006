package io.herald.registry;

import io.herald.security.App;
import io.herald.security.RegistrationToken;
import io.herald.socket.Ack;
import io.herald.socket.HeraldSocket;
import io.herald.socket.SocketListener;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The doit-socket contract: a client event {@code register} with {@code {userid: key}} binds the socket to
 * that user key, so everything sent to the key reaches every tab of the user. A key is compared as text
 * ({@code 42} and {@code "42"} are the same user, as they were in the original).
 *
 * <p>Apps require signed registrations by default: the payload carries {@code expires} and {@code token}
 * from the backend ({@link RegistrationToken}). A refused registration (bad payload, forged or expired
 * token, or a socket bound to {@code herald.maxUsersPerSocket} keys already) joins nothing, answers {@code register:error} with {@code {code, message}} and, if the client asked
 * for one, an ack {@code {ok: false, error}}; the socket stays connected.
 */
public final class RegisterHandler implements SocketListener {
    public static final String EVENT = "register";
    private static final Logger LOG = Logger.getLogger(RegisterHandler.class.getName());

    private final Registry registry;

    public RegisterHandler(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
        if (!EVENT.equals(event)) return;
        Object payload = args.isEmpty() ? null : args.get(0);
        String key = keyOf(payload);
        if (key == null) {
            refuse(socket, ack, 400, "register needs {userid: <key>}");
            return;
        }
        App app = registry.appOf(socket);
        if (app.signedRegistration()) {
            Map<?, ?> map = payload instanceof Map<?, ?> m ? m : Map.of();
            String refusal = RegistrationToken.verify(app, key, map.get("expires"), map.get("token"),
                    Instant.now().getEpochSecond());
            if (refusal != null) {
                refuse(socket, ack, 401, "registration refused: " + refusal);
                return;
            }
        }
        if (!registry.users().bind(socket, key)) {
            refuse(socket, ack, 429, "registration refused: this socket is bound to " + registry.limits().maxUsersPerSocket()
                    + " user keys already");
            return;
        }
        if (ack != null) ack.send(ordered("ok", true, "userid", key));
    }

    private static void refuse(HeraldSocket socket, Ack ack, int code, String message) {
        LOG.fine(() -> message + " on " + socket);
        Map<String, Object> error = ordered("code", code, "message", message);
        socket.emit(EVENT + ":error", error);
        if (ack != null) ack.send(ordered("ok", false, "error", error));
    }

    /** A two-entry map that keeps its order on the wire (Map.of does not). */
    static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(k1, v1);
        map.put(k2, v2);
        return map;
    }

    /** The key as text, or {@code null} when the payload does not carry a usable one. */
    static String keyOf(Object payload) {
        Object id = payload instanceof Map<?, ?> map ? map.get("userid") : payload;
        String key = id instanceof String s ? s
                : id instanceof Long || id instanceof Integer ? id.toString()
                : id instanceof Double d && d == Math.rint(d) && !d.isInfinite() ? Long.toString(d.longValue())
                : null;
        return key == null || key.isEmpty() || key.length() > UserBindings.MAX_KEY_LENGTH ? null : key;
    }
}
