package io.herald.registry;

import io.herald.util.ProtocolLog;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.security.RegistrationToken;
import io.herald.socket.HeraldSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Which sockets are which users: binding a socket to user keys of its app (what a signed registration does),
 * the registration tokens for pages of this server's own making, and who hears of a binding. A user key is a
 * room of the app ({@link RoomNames#user}), so what is sent to a user reaches all the sockets bound to it.
 * Thread-safe.
 */
public final class UserBindings {
    /** The longest user key, in characters. */
    public static final int MAX_KEY_LENGTH = 256;

    private final Apps apps;
    private final Selector selector;
    private final SocketLimits limits;
    private final List<BindingListener> listeners = new CopyOnWriteArrayList<>();

    UserBindings(Apps apps, Selector selector, SocketLimits limits) {
        this.apps = apps;
        this.selector = selector;
        this.limits = limits;
    }

    /** Hears that a socket was bound to a user key (the CDI layer turns it into an event). */
    public interface BindingListener {
        void onBound(HeraldSocket socket, String userKey);
    }

    public void addListener(BindingListener listener) {
        listeners.add(listener);
    }

    /**
     * Binds a socket to a user key of its app: it receives what is sent to that user. Returns false, binding
     * nothing, when the socket is bound to {@link SocketLimits#maxUsersPerSocket} other keys already.
     */
    public boolean bind(HeraldSocket socket, String key) {
        String app = selector.appOf(socket).id();
        if (!socket.joinWithin(RoomNames.user(app, checkKey(key)), RoomNames.userPrefix(app), limits.maxUsersPerSocket())) {
            ProtocolLog.refusal("Herald: " + socket + " is bound to " + limits.maxUsersPerSocket()
                    + " user keys already (herald.maxUsersPerSocket); not binding another");
            return false;
        }
        socket.join(RoomNames.registered(app));
        for (BindingListener listener : listeners) listener.onBound(socket, key);
        return true;
    }

    public void unbind(HeraldSocket socket, String key) {
        String app = selector.appOf(socket).id();
        socket.leave(RoomNames.user(app, key));
        if (keysOf(socket).isEmpty()) socket.leave(RoomNames.registered(app));
    }

    /** The user keys a socket is bound to. */
    public Set<String> keysOf(HeraldSocket socket) {
        return RoomNames.stripped(socket.rooms(), RoomNames.userPrefix(selector.appOf(socket).id()));
    }

    /**
     * A registration token for a page of this server's own making (the backend usually computes it itself,
     * see {@link RegistrationToken}). Returns {@code [expires, token]}.
     */
    public Object[] registrationToken(String appId, String userKey, Duration validity) {
        App app = appId == null ? apps.defaultApp() : apps.byId(appId);
        if (app == null) throw new IllegalArgumentException("unknown app " + appId);
        long expires = Instant.now().plus(validity).getEpochSecond();
        return new Object[] {expires, RegistrationToken.create(app, checkKey(userKey), expires)};
    }

    /** Returns the key when it is a valid user key (1 to {@link #MAX_KEY_LENGTH} characters), else throws. */
    public static String checkKey(String key) {
        if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("a user key must have 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }
}
