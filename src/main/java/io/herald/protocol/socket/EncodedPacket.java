package io.herald.protocol.socket;

import java.util.List;

/**
 * A Socket.IO packet ready for Engine.IO: the text of the first MESSAGE, then one binary MESSAGE per
 * attachment. Immutable once built, so one instance can be sent to every recipient of a broadcast.
 */
public record EncodedPacket(String text, List<byte[]> attachments) {
    public EncodedPacket {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public boolean hasAttachments() {
        return !attachments.isEmpty();
    }
}
