package io.herald.socket;

import io.herald.engine.Delivery;
import io.herald.util.LogSafe;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.socket.EncodedPacket;
import io.herald.recovery.SessionRecovery;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One Socket.IO namespace: its connected sockets, its rooms, the guards that admit new sockets and the
 * listeners that hear them. Delivery to many sockets takes a packet encoded once and sends the very same
 * frames to each recipient.
 */
public final class Namespace {
    private static final Logger LOG = Logger.getLogger(Namespace.class.getName());

    private final String name;
    private final Map<String, HeraldSocket> sockets = new ConcurrentHashMap<>();
    private final RoomIndex rooms = new RoomIndex();
    private final List<ConnectGuard> guards = new CopyOnWriteArrayList<>();
    private final List<SocketListener> listeners = new CopyOnWriteArrayList<>();
    private volatile SessionRecovery recovery; // null: connection state recovery is off

    Namespace(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public HeraldSocket socket(String id) {
        return sockets.get(id);
    }

    public Collection<HeraldSocket> sockets() {
        return sockets.values();
    }

    public int size() {
        return sockets.size();
    }

    RoomIndex rooms() {
        return rooms;
    }

    /** Names of the rooms that have members, including each socket's own room. */
    public Set<String> roomNames() {
        return rooms.rooms();
    }

    /** Sockets ids in a room (a live view). */
    public Set<String> members(String room) {
        return rooms.members(room);
    }

    /** The number of sockets still listed in the room index; equals {@link #size()} when nothing leaked. */
    public int indexedSockets() {
        return rooms.indexedSockets();
    }

    /** Turns connection state recovery on for this namespace. */
    public void setRecovery(SessionRecovery recovery) {
        this.recovery = recovery;
    }

    SessionRecovery recovery() {
        return recovery;
    }

    public void addGuard(ConnectGuard guard) {
        guards.add(guard);
    }

    public void addListener(SocketListener listener) {
        listeners.add(listener);
    }

    public void removeListener(SocketListener listener) {
        listeners.remove(listener);
    }

    /**
     * The sockets selected by room: those in any of {@code rooms} ({@code null} for every socket), minus those
     * in any of {@code exceptRooms}.
     */
    public List<HeraldSocket> select(Collection<String> rooms, Collection<String> exceptRooms) {
        Set<String> excluded = new HashSet<>();
        for (String room : exceptRooms) excluded.addAll(this.rooms.members(room));
        List<HeraldSocket> selected = new ArrayList<>();
        if (rooms == null) {
            for (HeraldSocket s : sockets.values()) {
                if (!excluded.contains(s.id())) selected.add(s);
            }
            return selected;
        }
        Set<String> seen = rooms.size() > 1 ? new HashSet<>() : null;
        for (String room : rooms) {
            for (String id : this.rooms.members(room)) {
                if (excluded.contains(id) || (seen != null && !seen.add(id))) continue;
                HeraldSocket s = sockets.get(id);
                if (s != null) selected.add(s);
            }
        }
        return selected;
    }

    /**
     * Sends one encoded packet to each socket; returns how many it was handed to. The Engine.IO packets are
     * built once and shared, so a broadcast does no per-recipient encoding. A packet for one socket is written
     * at once; a fan-out's are left to each connection's own thread, which writes what piled up in one go.
     */
    public int deliver(Collection<HeraldSocket> recipients, EncodedPacket packet) {
        List<EnginePacket> frames = Client.frames(packet);
        Delivery delivery = recipients.size() > 1 ? Delivery.BATCHED : Delivery.IMMEDIATE;
        int count = 0;
        for (HeraldSocket socket : recipients) {
            if (socket.isConnected() && socket.client().sendFrames(frames, delivery)) count++;
        }
        return count;
    }

    /** Runs the guards; the first refusal wins. */
    String admit(HeraldSocket socket, Map<String, Object> auth) {
        for (ConnectGuard guard : guards) {
            String refusal = guard.check(socket, auth);
            if (refusal != null) return refusal;
        }
        return null;
    }

    /** Lists the socket and puts it in its rooms: from now on it receives what is sent to them. */
    void add(HeraldSocket socket) {
        sockets.put(socket.id(), socket);
        socket.onConnect();
    }

    /** Tells the listeners about a socket that {@link #add} listed. */
    void announce(HeraldSocket socket) {
        for (SocketListener l : listeners) {
            try {
                l.onConnect(socket);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "connect listener failed for " + socket, e);
            }
        }
    }

    void remove(HeraldSocket socket, String reason) {
        sockets.remove(socket.id(), socket);
        SessionRecovery r = recovery;
        if (r != null && socket.pid() != null && SessionRecovery.RECOVERABLE_REASONS.contains(reason)) {
            java.util.Map<String, String> attributes = new java.util.HashMap<>();
            socket.attributes().forEach((k, v) -> {
                if (v instanceof String text) attributes.put(k, text);
            });
            java.util.Set<String> kept = new java.util.HashSet<>(socket.rooms());
            kept.remove(socket.id());
            try {
                r.save(new SessionRecovery.SavedSession(socket.pid(), socket.id(), name, kept, attributes, System.currentTimeMillis()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "could not keep " + socket + " for recovery", e);
            }
        }
        for (SocketListener l : listeners) {
            try {
                l.onDisconnect(socket, reason);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "disconnect listener failed for " + socket, e);
            }
        }
    }

    void dispatchEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
        for (SocketListener l : listeners) {
            try {
                l.onEvent(socket, event, args, ack);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "event listener failed for " + LogSafe.quote(event) + " on " + socket, e);
            }
        }
    }
}
