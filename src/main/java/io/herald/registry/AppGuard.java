package io.herald.registry;

import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.security.RegistrationToken;
import io.herald.socket.ConnectGuard;
import io.herald.socket.HeraldSocket;
import java.time.Instant;
import java.util.Map;

/**
 * Decides which app a new socket belongs to and whether it may join: the page names its app by key (the
 * {@code app} field of the CONNECT auth, or the {@code app} query parameter for clients that have no auth
 * payload); a page naming none belongs to the default app. The page's origin must be one of that app's.
 * A CONNECT auth with {@code {user, expires, token}} binds the user at once, if the token is valid.
 */
public final class AppGuard implements ConnectGuard {
    private final Apps apps;

    public AppGuard(Apps apps) {
        this.apps = apps;
    }

    @Override
    public String check(HeraldSocket socket, Map<String, Object> auth) {
        Object named = auth.get("app");
        String key = named instanceof String s ? s : socket.handshake().queryParam("app");
        App app = key == null ? apps.defaultApp() : apps.byKey(key);
        if (app == null) return "Unknown app";
        String origin = socket.handshake().header("origin");
        if (origin != null && !app.origins().allows(origin)) return "Origin not allowed for this app";
        Object user = auth.get("user");
        String userRoom = null;
        if (user != null) {
            String userKey = RegisterHandler.keyOf(user);
            if (userKey == null) return "Invalid user";
            if (app.signedRegistration()) {
                String refusal = RegistrationToken.verify(app, userKey, auth.get("expires"), auth.get("token"),
                        Instant.now().getEpochSecond());
                if (refusal != null) return "Registration refused: " + refusal;
            }
            userRoom = RoomNames.user(app.id(), userKey);
        }
        socket.attributes().put(Registry.APP_ATTRIBUTE, app.id());
        socket.joinOnConnect(RoomNames.everyone(app.id()));
        if (userRoom != null) {
            socket.joinOnConnect(userRoom);
            socket.joinOnConnect(RoomNames.registered(app.id()));
        }
        return null;
    }
}
