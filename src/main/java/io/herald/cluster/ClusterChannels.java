package io.herald.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * The Redis channel names of one namespace, as socket.io's Redis adapter names them, so that Herald nodes,
 * socket.io nodes and the socket.io emitters of any language share them.
 */
record ClusterChannels(String namespace, String broadcast, String request, String response, String ownResponse) {

    static ClusterChannels of(String key, String namespace, String nodeId) {
        String response = key + "-response#" + namespace + "#";
        return new ClusterChannels(namespace, key + "#" + namespace + "#", key + "-request#" + namespace + "#", response,
                response + nodeId + "#");
    }

    /** Where a broadcast goes: the room's own channel when it targets exactly one room (as socket.io does). */
    String broadcastChannel(java.util.Set<String> rooms) {
        return rooms.size() == 1 ? broadcast + rooms.iterator().next() + "#" : broadcast;
    }

    byte[] broadcastPattern() {
        return (broadcast + "*").getBytes(UTF_8);
    }
}
