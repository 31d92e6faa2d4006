package io.herald.socket;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rooms of one namespace, indexed both ways: room → socket ids (for delivery) and socket id → rooms (for
 * leaving everything on disconnect). Every change goes through {@code compute}, which is atomic per key,
 * and empty entries are removed so that the index holds only live sockets.
 */
final class RoomIndex {
    private final Map<String, Set<String>> members = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> roomsOf = new ConcurrentHashMap<>();

    void join(String socketId, String room) {
        roomsOf.compute(socketId, (id, rooms) -> add(rooms, room));
        members.compute(room, (r, ids) -> add(ids, socketId));
    }

    void leave(String socketId, String room) {
        roomsOf.computeIfPresent(socketId, (id, rooms) -> remove(rooms, room));
        members.computeIfPresent(room, (r, ids) -> remove(ids, socketId));
    }

    void leaveAll(String socketId) {
        Set<String> rooms = roomsOf.remove(socketId);
        if (rooms == null) return;
        for (String room : rooms) {
            members.computeIfPresent(room, (r, ids) -> remove(ids, socketId));
        }
    }

    /** The live (weakly consistent) set of socket ids in a room; empty when the room does not exist. */
    Set<String> members(String room) {
        Set<String> ids = members.get(room);
        return ids == null ? Set.of() : Collections.unmodifiableSet(ids);
    }

    Set<String> roomsOf(String socketId) {
        Set<String> rooms = roomsOf.get(socketId);
        return rooms == null ? Set.of() : Set.copyOf(rooms);
    }

    Set<String> rooms() {
        return Set.copyOf(members.keySet());
    }

    int roomCount() {
        return members.size();
    }

    int indexedSockets() {
        return roomsOf.size();
    }

    private static Set<String> add(Set<String> set, String value) {
        if (set == null) set = ConcurrentHashMap.newKeySet(2); // most rooms hold one socket, most sockets two rooms
        set.add(value);
        return set;
    }

    private static Set<String> remove(Set<String> set, String value) {
        set.remove(value);
        return set.isEmpty() ? null : set;
    }
}
