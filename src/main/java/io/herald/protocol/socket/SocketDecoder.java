package io.herald.protocol.socket;

import io.herald.protocol.ProtocolException;

/**
 * Decodes Socket.IO packets for one connection, reassembling binary packets from their attachments.
 * Not thread-safe: one instance per connection, fed in arrival order.
 */
public final class SocketDecoder {
    private final int maxAttachments;

    public SocketDecoder(int maxAttachments) {
        this.maxAttachments = maxAttachments;
    }

    /**
     * Decodes a text message. Returns the packet, or {@code null} when it is a binary packet that waits for
     * attachments. Throws on malformed input, on a text message while attachments are awaited, and on an
     * attachment count over the limit.
     */
    public SocketPacket decode(String text) throws ProtocolException {
        throw new UnsupportedOperationException();
    }

    /** Accepts the next attachment; returns the complete packet after the last one, else {@code null}. */
    public SocketPacket decodeAttachment(byte[] data) throws ProtocolException {
        throw new UnsupportedOperationException();
    }

    /** True while a binary packet waits for attachments. */
    public boolean awaitingAttachments() {
        throw new UnsupportedOperationException();
    }
}
