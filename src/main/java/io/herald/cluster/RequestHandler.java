package io.herald.cluster;

import io.herald.registry.ClusterLink.RemoteSocket;
import io.herald.registry.Registry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Answers the requests of other nodes and emitters (socket.io's Redis adapter request types): joins, leaves
 * and disconnects by room, and fetches of this node's sockets. Requests this node sent itself are ignored.
 * Each request acts on the sockets of the app its flags name, or of the default app when it names none.
 */
final class RequestHandler {
    private final Registry registry;
    private final String nodeId;
    private final BiConsumer<String, byte[]> publish;

    RequestHandler(Registry registry, String nodeId, BiConsumer<String, byte[]> publish) {
        this.registry = registry;
        this.nodeId = nodeId;
        this.publish = publish;
    }

    void onRequest(ClusterChannels channels, Map<?, ?> request) {
        if (nodeId.equals(request.get("uid"))) return;
        if (!(request.get("type") instanceof Number type)) return;
        Map<?, ?> opts = request.get("opts") instanceof Map<?, ?> o ? o : null;
        Set<String> rooms = opts == null ? Set.of() : ClusterCodec.names(opts.get("rooms"));
        Set<String> except = opts == null ? Set.of() : ClusterCodec.names(opts.get("except"));
        String ns = channels.namespace();
        String app = ClusterCodec.app(opts); // null (socket.io emitters): the default app's sockets only
        switch (type.intValue()) {
            case ClusterRequest.REMOTE_JOIN, ClusterRequest.REMOTE_LEAVE -> {
                boolean join = type.intValue() == ClusterRequest.REMOTE_JOIN;
                if (opts != null) {
                    registry.fromCluster().changeRooms(ns, app, rooms, except, ClusterCodec.names(request.get("rooms")), join);
                } else if (request.get("sid") instanceof String sid && request.get("room") instanceof String room) {
                    if (registry.fromCluster().changeRooms(ns, app, Set.of(sid), Set.of(), Set.of(room), join) > 0) answer(channels, request, null);
                }
            }
            case ClusterRequest.REMOTE_DISCONNECT -> {
                boolean close = Boolean.TRUE.equals(request.get("close"));
                if (opts != null) {
                    registry.fromCluster().disconnect(ns, app, rooms, except, close);
                } else if (request.get("sid") instanceof String sid) {
                    if (registry.fromCluster().disconnect(ns, app, Set.of(sid), Set.of(), close) > 0) answer(channels, request, null);
                }
            }
            case ClusterRequest.REMOTE_FETCH -> {
                List<Map<String, Object>> sockets = new ArrayList<>();
                for (RemoteSocket s : registry.fromCluster().describe(ns, app, rooms, except)) {
                    Map<String, Object> socket = new LinkedHashMap<>();
                    socket.put("id", s.id());
                    socket.put("handshake", Map.of());
                    socket.put("rooms", List.copyOf(s.rooms()));
                    socket.put("data", s.data());
                    sockets.add(socket);
                }
                answer(channels, request, Map.of("sockets", sockets));
            }
            case ClusterRequest.SOCKETS -> {
                List<String> ids = new ArrayList<>();
                for (RemoteSocket s : registry.fromCluster().describe(ns, app, ClusterCodec.names(request.get("rooms")), Set.of())) ids.add(s.id());
                answer(channels, request, Map.of("sockets", ids));
            }
            default -> { } // other request types (server-side emits, broadcasts with acks) have no Herald meaning
        }
    }

    private void answer(ClusterChannels channels, Map<?, ?> request, Map<String, Object> body) {
        if (request.get("requestId") == null) return;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("requestId", request.get("requestId"));
        if (body != null) response.putAll(body);
        publish.accept(channels.response(), ClusterCodec.encodeObject(response));
    }
}
