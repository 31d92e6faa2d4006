package io.herald.protocol.socket;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decodes Socket.IO packets for one connection, reassembling binary packets from their attachments.
 * Not thread-safe: one instance per connection, fed in arrival order.
 *
 * <p>The payload rules are socket.io-parser's: CONNECT carries nothing or an object, DISCONNECT nothing,
 * CONNECT_ERROR a string or an object, an event a non-empty array led by a name that is not reserved (or a
 * number), an ack an array. Ack ids stay within JavaScript's safe integers.
 */
public final class SocketDecoder {
    /** JavaScript's {@code Number.MAX_SAFE_INTEGER}: larger ids would not survive a JS client. */
    static final long MAX_ACK_ID = 9_007_199_254_740_991L;
    private static final Set<String> RESERVED =
            Set.of("connect", "connect_error", "disconnect", "disconnecting", "newListener", "removeListener");

    private final int maxAttachments;
    private SocketPacket pending;          // a binary packet waiting for attachments
    private int expected;                   // how many attachments it announced
    private List<byte[]> received;          // the attachments so far

    /** @param maxAttachments the most attachments one binary packet may announce (socket.io's default is 10) */
    public SocketDecoder(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    /**
     * Decodes a text message. Returns the packet, or {@code null} when it is a binary packet that waits for
     * attachments. Throws on malformed input, on a text message while attachments are awaited, and on an
     * attachment count over the limit.
     */
    public SocketPacket decode(String text) throws ProtocolException {
        if (pending != null) throw new ProtocolException("text packet while binary attachments are awaited");
        int length = text.length();
        if (length == 0) throw new ProtocolException("empty packet");
        SocketPacketType type = SocketPacketType.fromCode(text.charAt(0));
        if (type == null) throw new ProtocolException("unknown packet type '" + text.charAt(0) + "'");
        int pos = 1;

        int attachments = 0;
        boolean binary = type == SocketPacketType.BINARY_EVENT || type == SocketPacketType.BINARY_ACK;
        if (binary) {
            int start = pos;
            while (pos < length && isDigit(text.charAt(pos))) pos++;
            if (pos == start || pos - start > 6 || pos >= length || text.charAt(pos) != '-') {
                throw new ProtocolException("binary packet without a valid attachment count");
            }
            attachments = Integer.parseInt(text, start, pos, 10);
            if (attachments == 0) {
                // Encoders only pick a binary type for data with binary in it; socket.io-parser refuses 0 too.
                throw new ProtocolException("binary packet without attachments");
            }
            if (attachments > maxAttachments) {
                throw new ProtocolException(attachments + " attachments, more than the limit of " + maxAttachments);
            }
            pos++; // '-'
        }

        String namespace = SocketPacket.DEFAULT_NAMESPACE;
        if (pos < length && text.charAt(pos) == '/') {
            int comma = text.indexOf(',', pos);
            int end = comma < 0 ? length : comma;
            namespace = text.substring(pos, end);
            pos = comma < 0 ? length : comma + 1;
        }

        long ackId = SocketPacket.NO_ACK;
        int idStart = pos;
        while (pos < length && isDigit(text.charAt(pos))) pos++;
        if (pos > idStart) {
            if (pos - idStart > 16) throw new ProtocolException("ack id too long");
            ackId = Long.parseLong(text, idStart, pos, 10);
            if (ackId > MAX_ACK_ID) throw new ProtocolException("ack id beyond 2^53-1");
        }

        boolean present = pos < length; // a JSON null is present: "0null" is not a bare CONNECT
        Object data = present ? Json.parse(text, pos, length) : null;
        checkPayload(type, data, present);
        SocketPacket packet = new SocketPacket(type, namespace, data, ackId);
        if (!binary) return packet;

        Attachments.validate(data, attachments);
        pending = packet;
        expected = attachments;
        received = new ArrayList<>(attachments);
        return null;
    }

    /** Accepts the next attachment; returns the complete packet after the last one, else {@code null}. */
    public SocketPacket decodeAttachment(byte[] data) throws ProtocolException {
        if (pending == null) throw new ProtocolException("binary message without a binary packet");
        received.add(data);
        if (received.size() < expected) return null;
        SocketPacket packet = pending;
        Object rebuilt = Attachments.insert(packet.data(), received);
        pending = null;
        received = null;
        return new SocketPacket(packet.type(), packet.namespace(), rebuilt, packet.ackId());
    }

    /** True while a binary packet waits for attachments. */
    public boolean awaitingAttachments() {
        return pending != null;
    }

    private static void checkPayload(SocketPacketType type, Object data, boolean present) throws ProtocolException {
        boolean valid = switch (type) {
            case CONNECT -> !present || data instanceof Map;
            case DISCONNECT -> !present;
            case CONNECT_ERROR -> data instanceof String || data instanceof Map;
            case EVENT, BINARY_EVENT -> data instanceof List<?> list && !list.isEmpty()
                    && (list.get(0) instanceof String name ? !RESERVED.contains(name) : list.get(0) instanceof Number);
            case ACK, BINARY_ACK -> data instanceof List;
        };
        if (!valid) throw new ProtocolException("invalid payload for " + type);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
