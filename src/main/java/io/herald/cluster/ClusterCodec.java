package io.herald.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import io.herald.protocol.msgpack.MsgpackReader;
import io.herald.protocol.msgpack.MsgpackWriter;
import io.herald.registry.ClusterBroadcast;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The messages of socket.io's Redis adapter: a broadcast is MessagePack {@code [uid, packet, opts]} with
 * {@code packet = {type: 2, data: [event, ...args], nsp}} and {@code opts = {rooms, except, flags}}; requests
 * and responses are JSON objects (MessagePack is read too). Herald adds the flag {@code heraldApp}, which
 * socket.io nodes ignore, so that a receiving Herald node keeps each app's sockets to that app.
 */
final class ClusterCodec {
    static final String APP_FLAG = "heraldApp";
    static final String OFFSET_FLAG = "heraldOffset";
    private static final int EVENT = 2;
    private static final int BINARY_EVENT = 5;

    private ClusterCodec() {}

    /** A broadcast decoded, with the id of the node that sent it ({@code emitter} for socket.io emitters). */
    record Received(String sender, ClusterBroadcast broadcast) {}

    static byte[] encodeBroadcast(String nodeId, ClusterBroadcast b) {
        Map<String, Object> packet = new LinkedHashMap<>();
        packet.put("type", EVENT);
        packet.put("data", b.data());
        packet.put("nsp", b.namespace());
        Map<String, Object> flags = new LinkedHashMap<>();
        if (b.app() != null) flags.put(APP_FLAG, b.app());
        if (b.offset() != null) flags.put(OFFSET_FLAG, b.offset());
        Map<String, Object> opts = new LinkedHashMap<>();
        opts.put("rooms", List.copyOf(b.rooms()));
        opts.put("except", List.copyOf(b.except()));
        opts.put("flags", flags);
        return MsgpackWriter.write(List.of(nodeId, packet, opts));
    }

    /** Decodes a broadcast; {@code null} for a packet that is not an event (nothing Herald delivers). */
    static Received decodeBroadcast(byte[] message) throws ProtocolException {
        if (!(MsgpackReader.read(message) instanceof List<?> parts) || parts.size() < 3) {
            throw new ProtocolException("a broadcast is [uid, packet, opts]");
        }
        String sender = String.valueOf(parts.get(0));
        if (!(parts.get(1) instanceof Map<?, ?> packet) || !(parts.get(2) instanceof Map<?, ?> opts)) {
            throw new ProtocolException("a broadcast's packet and opts are maps");
        }
        Object type = packet.get("type");
        if (!(type instanceof Long t) || (t != EVENT && t != BINARY_EVENT)) return null;
        if (!(packet.get("data") instanceof List<?> data) || data.isEmpty() || !(data.get(0) instanceof String)) {
            throw new ProtocolException("a broadcast event's data is [name, ...args]");
        }
        Object nsp = packet.get("nsp");
        Map<?, ?> flags = opts.get("flags") instanceof Map<?, ?> f ? f : Map.of();
        String app = app(opts);
        String offset = flags.get(OFFSET_FLAG) instanceof String o ? o : null;
        return new Received(sender, new ClusterBroadcast(nsp instanceof String n ? n : "/", app, new ArrayList<>(data),
                names(opts.get("rooms")), names(opts.get("except")), offset));
    }

    /** The app a broadcast's or request's options name in their flags, or {@code null} when they name none. */
    static String app(Map<?, ?> opts) {
        if (opts == null || !(opts.get("flags") instanceof Map<?, ?> flags)) return null;
        return flags.get(APP_FLAG) instanceof String a ? a : null;
    }

    /** A request or response: JSON when it starts with '{', MessagePack otherwise (both occur in the wild). */
    static Map<?, ?> decodeObject(byte[] message) throws ProtocolException {
        Object value = message.length > 0 && message[0] == '{' ? Json.parse(new String(message, UTF_8)) : MsgpackReader.read(message);
        if (!(value instanceof Map<?, ?> map)) throw new ProtocolException("a request is an object");
        return map;
    }

    static byte[] encodeObject(Map<String, Object> object) {
        return Json.write(object).getBytes(UTF_8);
    }

    /** A room list on the wire; socket.io sends room names, and numbers for numeric names. */
    static Set<String> names(Object value) {
        Set<String> names = new LinkedHashSet<>();
        if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String s) names.add(s);
                else if (item instanceof Number n) names.add(Json.write(n));
            }
        }
        return names;
    }
}
