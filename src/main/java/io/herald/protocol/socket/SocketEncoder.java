package io.herald.protocol.socket;

import io.herald.protocol.json.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SocketPacket} into wire form: {@code <type>[<attachments>-][<nsp>,][<ackId>][<json>]}.
 * An EVENT or ACK whose data holds {@code byte[]} anywhere (in maps, iterables, object arrays, records)
 * becomes BINARY_EVENT / BINARY_ACK with {@code {"_placeholder":true,"num":n}} in their place, numbered
 * depth-first; one without becomes a plain EVENT / ACK whatever type it was given. Stateless and thread-safe.
 */
public final class SocketEncoder {
    private SocketEncoder() {}

    /**
     * Encodes {@code packet}. Data the JSON writer cannot write (a {@code byte[]} in CONNECT or CONNECT_ERROR,
     * an unsupported type, a cycle) throws IllegalArgumentException.
     */
    public static EncodedPacket encode(SocketPacket packet) {
        SocketPacketType type = packet.type();
        Object data = packet.data();
        List<byte[]> attachments = null;
        boolean carriesArgs = type == SocketPacketType.EVENT || type == SocketPacketType.ACK
                || type == SocketPacketType.BINARY_EVENT || type == SocketPacketType.BINARY_ACK;
        if (carriesArgs) {
            boolean binary = Attachments.containsBinary(data);
            boolean event = type == SocketPacketType.EVENT || type == SocketPacketType.BINARY_EVENT;
            if (binary) {
                attachments = new ArrayList<>();
                data = Attachments.extract(data, attachments);
                type = event ? SocketPacketType.BINARY_EVENT : SocketPacketType.BINARY_ACK;
            } else {
                type = event ? SocketPacketType.EVENT : SocketPacketType.ACK;
            }
        }
        StringBuilder out = new StringBuilder(64);
        out.append(type.code());
        if (attachments != null) out.append(attachments.size()).append('-');
        if (!SocketPacket.DEFAULT_NAMESPACE.equals(packet.namespace())) out.append(packet.namespace()).append(',');
        if (packet.hasAck()) out.append(packet.ackId());
        if (data != null) Json.write(data, out);
        return new EncodedPacket(out.toString(), attachments);
    }
}
