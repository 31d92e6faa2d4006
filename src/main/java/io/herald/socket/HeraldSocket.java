package io.herald.socket;

import io.herald.engine.CloseCause;
import io.herald.engine.Handshake;
import io.herald.protocol.socket.SocketPacket;
import io.herald.push.PushSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A client's connection to one namespace (socket.io's server-side {@code Socket}). It is in its own room
 * (its id) from connect to disconnect; joins and leaves are serialised with the disconnect on this object,
 * so a socket that left can never be put back into a room. Applications see it as a {@link PushSocket}.
 */
public final class HeraldSocket implements PushSocket {
    /** Event names socket.io reserves; emitting one would confuse the client. */
    static final Set<String> RESERVED_EVENTS =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private final String id;
    private final Namespace namespace;
    private final Client client;
    private final Map<String, Object> auth;
    private volatile Map<String, Object> attributes; // made on first use: most sockets never have any
    private final AckTracker acks;
    private final String pid; // private id for connection state recovery; null when recovery is off
    private volatile boolean connected; // writes guarded by this
    private List<String> roomsOnConnect = new ArrayList<>(2); // guarded by this; null once connected
    private volatile Set<String> roomsAtDisconnect;            // what it was in, for disconnect listeners

    HeraldSocket(String id, Namespace namespace, Client client, Map<String, Object> auth, AckTracker acks) {
        this(id, null, namespace, client, auth, acks);
    }

    HeraldSocket(String id, String pid, Namespace namespace, Client client, Map<String, Object> auth, AckTracker acks) {
        this.id = id;
        this.pid = pid;
        this.namespace = namespace;
        this.client = client;
        this.auth = auth == null ? Map.of() : Map.copyOf(auth);
        this.acks = acks;
    }

    public String id() {
        return id;
    }

    /** The private id a client recovers this socket with (never sent to anyone else), or null. */
    String pid() {
        return pid;
    }

    @Override
    public String namespace() {
        return namespace.name();
    }

    /** The namespace it is in, itself (socket.io's {@code socket.nsp}). */
    public Namespace nsp() {
        return namespace;
    }

    /** The HTTP request that opened the underlying connection. */
    public Handshake handshake() {
        return client.engine().handshake();
    }

    @Override
    public String header(String name) {
        return handshake().header(name);
    }

    @Override
    public String queryParam(String name) {
        return handshake().queryParam(name);
    }

    @Override
    public String remoteAddress() {
        return handshake().remoteAddress();
    }

    /** The client's CONNECT auth payload ({@code io(url, {auth: …})}), empty when none. */
    public Map<String, Object> auth() {
        return auth;
    }

    /** The Engine.IO session id shared by every namespace socket of this client. */
    public String connectionId() {
        return client.engine().id();
    }

    public String transport() {
        return client.engine().transport().name();
    }

    Client client() {
        return client;
    }

    public boolean isConnected() {
        return connected;
    }

    /** Application data kept with the socket (for example the user's database id). */
    public Map<String, Object> attributes() {
        Map<String, Object> map = attributes;
        if (map == null) {
            synchronized (this) {
                map = attributes;
                if (map == null) attributes = map = new ConcurrentHashMap<>(2); // one or two: a table of 4, not 16
            }
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        Map<String, Object> map = attributes;
        return map == null ? null : (T) map.get(name);
    }

    /** The rooms the socket is in; after it disconnected, the rooms it was in (disconnect listeners ask). */
    public Set<String> rooms() {
        Set<String> last = roomsAtDisconnect;
        return last != null ? last : namespace.rooms().roomsOf(id);
    }

    /**
     * Joins a room as part of connecting: a guard that admits the socket uses this, so the socket is in its
     * rooms before anything can be sent to it. After connect it is a plain {@link #join}.
     */
    public synchronized void joinOnConnect(String room) {
        if (roomsOnConnect != null) {
            roomsOnConnect.add(room);
        } else {
            join(room);
        }
    }

    /** Adds the socket to a room; ignored once it has disconnected. */
    public synchronized void join(String room) {
        if (connected) namespace.rooms().join(id, room);
    }

    /**
     * Joins a room unless the socket is in {@code max} rooms whose names start with {@code prefix} already;
     * counted and joined under the socket's lock, so concurrent joins cannot pass the limit together.
     * Returns false only when refused for the limit (a disconnected socket is ignored, as by {@link #join}).
     */
    public synchronized boolean joinWithin(String room, String prefix, int max) {
        if (!connected) return true;
        Set<String> rooms = namespace.rooms().roomsOf(id);
        if (rooms.contains(room)) return true;
        int count = 0;
        for (String r : rooms) if (r.startsWith(prefix)) count++;
        if (count >= max) return false;
        namespace.rooms().join(id, room);
        return true;
    }

    public synchronized void leave(String room) {
        if (connected && !room.equals(id)) namespace.rooms().leave(id, room);
    }

    /** Sends an event to this socket. Returns false when it is no longer connected. */
    public boolean emit(String event, Object... args) {
        checkEventName(event);
        if (!connected) return false;
        client.send(SocketPacket.event(namespace.name(), eventArgs(event, args), SocketPacket.NO_ACK));
        return true;
    }

    /**
     * Sends an event and waits for the client's acknowledgement. The stage completes with the arguments the
     * client passed to its callback, or fails with a {@link java.util.concurrent.TimeoutException} after
     * {@code timeout}, or with an {@link IllegalStateException} if the socket disconnects first.
     */
    public CompletionStage<List<Object>> emitWithAck(Duration timeout, String event, Object... args) {
        checkEventName(event);
        CompletableFuture<List<Object>> future = new CompletableFuture<>();
        if (!connected) {
            future.completeExceptionally(new IllegalStateException("socket disconnected"));
            return future;
        }
        long ackId = acks.register(future, timeout.toMillis());
        client.send(SocketPacket.event(namespace.name(), eventArgs(event, args), ackId));
        return future;
    }

    /**
     * Disconnects from this namespace (the client receives DISCONNECT). With {@code close}, the whole
     * connection closes, taking the client's other namespaces with it.
     */
    public void disconnect(boolean close) {
        if (!connected) return;
        client.send(SocketPacket.disconnect(namespace.name()));
        onDisconnect("server namespace disconnect");
        if (close) client.engine().close(CloseCause.FORCED_CLOSE);
    }

    static List<Object> eventArgs(String event, Object[] args) {
        List<Object> list = new ArrayList<>(args.length + 1);
        list.add(event);
        list.addAll(Arrays.asList(args));
        return list;
    }

    /** Whether socket.io reserves this event name (clients would misread it). */
    public static boolean isReserved(String event) {
        return RESERVED_EVENTS.contains(event);
    }

    static void checkEventName(String event) {
        if (event == null || RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("reserved or missing event name: " + event);
        }
    }

    synchronized void onConnect() {
        connected = true;
        namespace.rooms().join(id, id);
        for (String room : roomsOnConnect) namespace.rooms().join(id, room);
        roomsOnConnect = null;
    }

    void onEvent(SocketPacket packet) {
        List<Object> all = packet.args();
        Ack ack = packet.hasAck() ? new OnceAck(packet.ackId()) : null;
        namespace.dispatchEvent(this, packet.eventName(), Collections.unmodifiableList(all.subList(1, all.size())), ack);
    }

    void onAck(SocketPacket packet) {
        acks.complete(packet.ackId(), packet.args());
    }

    /** Leaves every room and the namespace; runs once, whatever ended the socket. */
    void onDisconnect(String reason) {
        synchronized (this) {
            if (!connected) return;
            connected = false;
            roomsAtDisconnect = namespace.rooms().roomsOf(id);
            namespace.rooms().leaveAll(id);
        }
        client.remove(this);
        acks.failAll("socket disconnected: " + reason);
        namespace.remove(this, reason);
    }

    /** Sends the ACK for one client event, once. */
    private final class OnceAck implements Ack {
        private final long ackId;
        private volatile boolean sent;

        OnceAck(long ackId) {
            this.ackId = ackId;
        }

        @Override
        public void send(Object... args) {
            synchronized (this) {
                if (sent) return;
                sent = true;
            }
            if (connected) client.send(SocketPacket.ack(namespace.name(), Arrays.asList(args), ackId));
        }
    }

    @Override
    public String toString() {
        return "HeraldSocket[" + id + " " + namespace.name() + "]";
    }
}
