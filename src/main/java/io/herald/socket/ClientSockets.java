package io.herald.socket;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A client's sockets by namespace. Nearly every client has one, so the map is an immutable one replaced on
 * each change (a few bytes, not the 200 of a concurrent map per connection); readers see a consistent
 * snapshot without locking, writers take turns.
 */
final class ClientSockets {
    private volatile Map<String, HeraldSocket> byNamespace = Map.of();

    HeraldSocket get(String namespace) {
        return byNamespace.get(namespace);
    }

    boolean contains(String namespace) {
        return byNamespace.containsKey(namespace);
    }

    boolean isEmpty() {
        return byNamespace.isEmpty();
    }

    Collection<HeraldSocket> all() {
        return byNamespace.values();
    }

    synchronized void put(String namespace, HeraldSocket socket) {
        Map<String, HeraldSocket> next = new HashMap<>(byNamespace);
        next.put(namespace, socket);
        byNamespace = Map.copyOf(next);
    }

    /** Removes the namespace's socket, if it is {@code expected} (any socket when {@code null}); returns it. */
    synchronized HeraldSocket remove(String namespace, HeraldSocket expected) {
        HeraldSocket current = byNamespace.get(namespace);
        if (current == null || (expected != null && current != expected)) return null;
        Map<String, HeraldSocket> next = new HashMap<>(byNamespace);
        next.remove(namespace);
        byNamespace = Map.copyOf(next);
        return current;
    }

    /** Empties the map and returns what it held. */
    synchronized Collection<HeraldSocket> clear() {
        Collection<HeraldSocket> all = byNamespace.values();
        byNamespace = Map.of();
        return all;
    }
}
