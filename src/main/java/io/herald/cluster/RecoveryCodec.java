package io.herald.cluster;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.msgpack.MsgpackReader;
import io.herald.protocol.msgpack.MsgpackWriter;
import io.herald.recovery.RecoveryEntry;
import io.herald.recovery.SessionRecovery.SavedSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recovery entries and kept sessions as MessagePack maps, the form they take in Redis. */
final class RecoveryCodec {
    private RecoveryCodec() {}

    static byte[] encodeEntry(RecoveryEntry e) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (e.offset() != null) map.put("offset", e.offset()); // the offset clients got; the stream id is Redis' own
        map.put("app", e.app());
        map.put("rooms", List.copyOf(e.include()));
        map.put("except", List.copyOf(e.exclude()));
        map.put("data", e.data());
        map.put("at", e.atMillis());
        return MsgpackWriter.write(map);
    }

    /** An entry read from the stream; {@code streamId} stands for its offset when it has none (older entries). */
    static RecoveryEntry decodeEntry(String streamId, byte[] bytes) throws ProtocolException {
        Map<?, ?> map = map(bytes);
        String offset = map.get("offset") instanceof String given ? given : streamId;
        if (!(map.get("data") instanceof List<?> data) || !(map.get("at") instanceof Long at)) {
            throw new ProtocolException("a recovery entry has data and at");
        }
        return new RecoveryEntry(offset, map.get("app") instanceof String app ? app : null, ClusterCodec.names(map.get("rooms")),
                ClusterCodec.names(map.get("except")), new ArrayList<>(data), at);
    }

    static byte[] encodeSession(SavedSession s) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pid", s.pid());
        map.put("sid", s.sid());
        map.put("nsp", s.namespace());
        map.put("rooms", List.copyOf(s.rooms()));
        map.put("attributes", s.attributes());
        map.put("at", s.disconnectedAtMillis());
        return MsgpackWriter.write(map);
    }

    static SavedSession decodeSession(byte[] bytes) throws ProtocolException {
        Map<?, ?> map = map(bytes);
        if (!(map.get("pid") instanceof String pid) || !(map.get("sid") instanceof String sid) || !(map.get("nsp") instanceof String nsp)
                || !(map.get("at") instanceof Long at)) {
            throw new ProtocolException("a kept session has pid, sid, nsp and at");
        }
        Map<String, String> attributes = new HashMap<>();
        if (map.get("attributes") instanceof Map<?, ?> attrs) {
            attrs.forEach((k, v) -> {
                if (v instanceof String text) attributes.put(String.valueOf(k), text);
            });
        }
        return new SavedSession(pid, sid, nsp, ClusterCodec.names(map.get("rooms")), attributes, at);
    }

    private static Map<?, ?> map(byte[] bytes) throws ProtocolException {
        if (!(MsgpackReader.read(bytes) instanceof Map<?, ?> map)) throw new ProtocolException("expected a map");
        return map;
    }
}
