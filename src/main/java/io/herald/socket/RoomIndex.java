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

    /*
     * Most sets here are tiny (a socket's own room, a user's room, a socket's few rooms), and a concurrent set
     * costs some 200 bytes even for one member. So a set starts as an immutable Set.of and is replaced by a
     * larger copy on each change (inside compute, so changes never race); past SMALL members it becomes a
     * concurrent set, changed in place, as copying would then cost more than it saves. Readers get either
     * an immutable snapshot or a weakly consistent live set; both iterate safely.
     */
    private static final int SMALL = 8;

    private static boolean isConcurrent(Set<String> set) {
        return set instanceof ConcurrentHashMap.KeySetView;
    }

    private static Set<String> add(Set<String> set, String value) {
        if (set == null) return Set.of(value);
        if (set.contains(value)) return set;
        if (isConcurrent(set)) {
            set.add(value);
            return set;
        }
        if (set.size() < SMALL) {
            String[] members = set.toArray(new String[set.size() + 1]);
            members[members.length - 1] = value;
            return Set.of(members);
        }
        Set<String> large = ConcurrentHashMap.newKeySet();
        large.addAll(set);
        large.add(value);
        return large;
    }

    private static Set<String> remove(Set<String> set, String value) {
        if (!set.contains(value)) return set;
        if (isConcurrent(set)) {
            set.remove(value);
            return set.isEmpty() ? null : set;
        }
        if (set.size() == 1) return null;
        String[] members = new String[set.size() - 1];
        int i = 0;
        for (String member : set) if (!member.equals(value)) members[i++] = member;
        return Set.of(members);
    }
}
