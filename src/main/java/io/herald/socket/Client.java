package io.herald.socket;

import io.herald.engine.CloseCause;
import io.herald.engine.Delivery;
import io.herald.engine.EngineSession;
import io.herald.util.LogSafe;
import io.herald.protocol.ProtocolException;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import io.herald.protocol.socket.EncodedPacket;
import io.herald.protocol.socket.SocketDecoder;
import io.herald.protocol.socket.SocketEncoder;
import io.herald.protocol.socket.SocketPacket;
import io.herald.recovery.SessionRecovery;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.net.URLDecoder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The Socket.IO side of one Engine.IO session: decodes its messages and routes them to the namespace
 * sockets it opened. Inbound calls come serially from the engine session.
 *
 * <p>Engine.IO v3 clients (socket.io 2.x) speak Socket.IO protocol v4: they are connected to {@code "/"}
 * implicitly, get CONNECT answers without a payload, and CONNECT_ERROR as a plain string.
 */
final class Client {
    private final EngineSession engine;
    private final SocketServer server;
    private final SocketDecoder decoder;
    private final boolean legacy;
    private final ClientSockets sockets = new ClientSockets();
    /** Namespaces whose recovery attempt is under way: a CONNECT for them meanwhile is ignored. Thread-safe. */
    private final Set<String> recovering = ConcurrentHashMap.newKeySet();
    private volatile boolean recoveryTried; // written on the inbound thread only (inbound calls are serial)
    private volatile ScheduledFuture<?> connectTimer;

    Client(EngineSession engine, SocketServer server) {
        this.engine = engine;
        this.server = server;
        this.decoder = new SocketDecoder(server.options().maxAttachments());
        this.legacy = engine.version() == EngineVersion.V3;
    }

    EngineSession engine() {
        return engine;
    }

    void start() {
        // Every client, v3 ones too (as socket.io does): a v3 client refused at "/" must not stay, unjoined, forever.
        connectTimer = server.timers().schedule(this::onConnectTimeout,
                server.options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (legacy) connect("/", null);
    }

    /** Cancels the connect timeout and lets go of it (a cancelled task is still some 100 bytes a connection). */
    private void cancelConnectTimer() {
        ScheduledFuture<?> timer = connectTimer;
        if (timer != null) {
            timer.cancel(false);
            connectTimer = null;
        }
    }

    private void onConnectTimeout() {
        if (sockets.isEmpty()) engine.close(CloseCause.FORCED_CLOSE);
    }

    /** Encodes and sends one packet to this client. */
    void send(SocketPacket packet) {
        sendFrames(frames(SocketEncoder.encode(packet)), Delivery.IMMEDIATE);
    }

    boolean sendFrames(List<EnginePacket> frames, Delivery delivery) {
        if (!engine.isOpen()) return false;
        engine.send(frames, delivery);
        return true;
    }

    /** The Engine.IO messages that carry an encoded packet: its text, then one per attachment. */
    static List<EnginePacket> frames(EncodedPacket packet) {
        if (!packet.hasAttachments()) return List.of(EnginePacket.message(packet.text()));
        List<EnginePacket> frames = new ArrayList<>(1 + packet.attachments().size());
        frames.add(EnginePacket.message(packet.text()));
        for (byte[] attachment : packet.attachments()) frames.add(EnginePacket.binary(attachment));
        return List.copyOf(frames);
    }

    void onText(String text) {
        try {
            SocketPacket packet = decoder.decode(text);
            if (packet != null) dispatch(packet);
        } catch (ProtocolException e) {
            engine.fail(e.getMessage());
        }
    }

    void onBinary(byte[] data) {
        try {
            SocketPacket packet = decoder.decodeAttachment(data);
            if (packet != null) dispatch(packet);
        } catch (ProtocolException e) {
            engine.fail(e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private void dispatch(SocketPacket packet) {
        switch (packet.type()) {
            case CONNECT -> connect(packet.namespace(), (Map<String, Object>) packet.data());
            case DISCONNECT -> {
                HeraldSocket socket = sockets.remove(namespaceName(packet.namespace()), null);
                if (socket != null) socket.onDisconnect("client namespace disconnect");
            }
            case EVENT, BINARY_EVENT -> connectedSocket(packet).ifPresent(s -> s.onEvent(packet));
            case ACK, BINARY_ACK -> connectedSocket(packet).ifPresent(s -> s.onAck(packet));
            default -> engine.fail("unexpected packet " + packet.type() + " from a client");
        }
    }

    private Optional<HeraldSocket> connectedSocket(SocketPacket packet) {
        HeraldSocket socket = sockets.get(packet.namespace());
        if (socket == null) {
            // socket.io closes a connection that talks in a namespace it never joined.
            engine.fail(packet.type() + " for namespace " + LogSafe.quote(packet.namespace()) + " before CONNECT");
        }
        return Optional.ofNullable(socket);
    }

    /** v4-protocol clients may append a query to the namespace ({@code /admin?token=x}): it is auth data. */
    private String namespaceName(String nsp) {
        int q = nsp.indexOf('?');
        return q < 0 ? nsp : nsp.substring(0, q);
    }

    private void connect(String requested, Map<String, Object> auth) {
        String name = namespaceName(requested);
        if (legacy && auth == null && name.length() < requested.length()) {
            try {
                auth = queryAsAuth(requested.substring(name.length() + 1));
            } catch (IllegalArgumentException e) { // a bad %-escape
                engine.fail("undecodable query in namespace " + LogSafe.quote(requested));
                return;
            }
        }
        Namespace namespace = server.namespace(name);
        if (namespace == null) {
            sendConnectError(name, "Invalid namespace");
            return;
        }
        if (sockets.contains(name) || recovering.contains(name)) return; // a repeated CONNECT changes nothing
        SessionRecovery recovery = legacy ? null : namespace.recovery();
        if (recovery != null && !recoveryTried && auth != null && auth.get("pid") instanceof String pid
                && auth.get("offset") instanceof String offset) {
            recoveryTried = true; // one attempt a connection: a failed one cannot be repeated to keep the store busy
            recovering.add(name);
            Map<String, Object> given = auth;
            recovery.restore(name, pid, offset, restored -> resume(namespace, restored, given))
                    .whenComplete((recovered, failure) -> {
                        try {
                            if (!Boolean.TRUE.equals(recovered)) connectNew(namespace, given);
                        } finally {
                            recovering.remove(name);
                        }
                    });
            return;
        }
        connectNew(namespace, auth);
    }

    /** A new socket in the namespace (no recovery, or none possible). */
    private void connectNew(Namespace namespace, Map<String, Object> auth) {
        String name = namespace.name();
        if (sockets.contains(name)) return;
        SessionRecovery recovery = legacy ? null : namespace.recovery();
        String pid = recovery == null ? null : server.newId();
        HeraldSocket socket = new HeraldSocket(server.newId(), pid, namespace, this, auth, new AckTracker(server.timers()));
        String refusal = namespace.admit(socket, socket.auth());
        if (refusal != null) {
            sendConnectError(name, refusal);
            return;
        }
        if (!engine.isOpen()) return;
        cancelConnectTimer();
        engine.taken();
        sockets.put(name, socket);
        Map<String, Object> answer = legacy ? null : pid == null ? Map.of("sid", socket.id()) : Map.of("sid", socket.id(), "pid", pid);
        // Listed and answered in one step: a broadcast can neither miss the socket after the client saw
        // CONNECT, nor reach the client before its CONNECT answer.
        engine.sendAfter(() -> namespace.add(socket), frames(SocketEncoder.encode(SocketPacket.connect(name, answer))));
        namespace.announce(socket);
        leaveIfClosed(name, socket);
    }

    /**
     * Brings back a socket that this client (or, in a cluster, a client of another node) lost: same id, same
     * rooms, same private id, then the events it missed. Runs under the recovery's ordering lock (see
     * {@link SessionRecovery#restore}). The guards run again, so a recovered socket is admitted under the same
     * rules as a new one. Returns whether it dealt with the CONNECT (recovered, or refused by a guard).
     */
    private boolean resume(Namespace namespace, SessionRecovery.Restored restored, Map<String, Object> auth) {
        String name = namespace.name();
        SessionRecovery.SavedSession saved = restored.session();
        HeraldSocket socket = new HeraldSocket(saved.sid(), saved.pid(), namespace, this, auth, new AckTracker(server.timers()));
        socket.attributes().putAll(saved.attributes());
        String refusal = namespace.admit(socket, socket.auth());
        if (refusal != null) {
            sendConnectError(name, refusal);
            return true;
        }
        if (!engine.isOpen()) return true;
        saved.rooms().forEach(socket::joinOnConnect);
        cancelConnectTimer();
        engine.taken();
        sockets.put(name, socket);
        List<EnginePacket> out = new ArrayList<>(frames(SocketEncoder.encode(SocketPacket.connect(name, Map.of("sid", saved.sid(), "pid", saved.pid())))));
        for (List<Object> event : restored.missed()) {
            out.addAll(frames(SocketEncoder.encode(SocketPacket.event(name, event, SocketPacket.NO_ACK))));
        }
        engine.sendAfter(() -> namespace.add(socket), out);
        namespace.announce(socket);
        leaveIfClosed(name, socket);
        return true;
    }

    /** A connect finished on another thread than the close: whichever comes second disconnects the socket. */
    private void leaveIfClosed(String name, HeraldSocket socket) {
        if (!engine.isOpen() && sockets.remove(name, socket) != null) socket.onDisconnect(CloseCause.TRANSPORT_CLOSE.reason());
    }

    private void sendConnectError(String namespace, String message) {
        Object data = legacy ? message : Map.of("message", message);
        send(SocketPacket.connectError(namespace, data));
    }

    private static Map<String, Object> queryAsAuth(String query) {
        Map<String, Object> auth = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), UTF_8);
            auth.put(key, value);
        }
        return auth;
    }

    /** Forgets a socket that left its namespace. */
    void remove(HeraldSocket socket) {
        sockets.remove(socket.namespace(), socket);
    }

    /** The engine session closed: every namespace socket disconnects with the same reason. */
    void onClose(CloseCause cause) {
        cancelConnectTimer();
        for (HeraldSocket socket : sockets.clear()) {
            socket.onDisconnect(cause.reason());
        }
    }
}
