package io.herald.registry;

import java.util.List;
import java.util.Set;

/**
 * One broadcast as it travels between nodes: an event with its arguments for the sockets of a namespace
 * that are in any of {@code rooms} (everyone in the namespace when empty) and in none of {@code except}.
 *
 * @param app  the app whose sockets may receive it, or {@code null} when the sender did not say (socket.io
 *             emitters): a receiving Herald node then reads bare room names in its default app
 * @param data the event name followed by its arguments
 * @param offset the recovery offset the sending node gave it (a Redis stream id), or {@code null}
 */
public record ClusterBroadcast(String namespace, String app, List<Object> data, Set<String> rooms, Set<String> except, String offset) {
    public ClusterBroadcast {
        data = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(data)); // null arguments are valid
        rooms = Set.copyOf(rooms);
        except = Set.copyOf(except);
    }
}
