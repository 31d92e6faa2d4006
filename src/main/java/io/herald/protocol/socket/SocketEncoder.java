package io.herald.protocol.socket;

/**
 * Turns a {@link SocketPacket} into wire form: {@code <type>[<attachments>-][<nsp>,][<ackId>][<json>]}.
 * An EVENT or ACK whose data holds {@code byte[]} anywhere becomes BINARY_EVENT / BINARY_ACK with
 * {@code {"_placeholder":true,"num":n}} in their place. Stateless and thread-safe.
 */
public final class SocketEncoder {
    private SocketEncoder() {}

    public static EncodedPacket encode(SocketPacket packet) {
        throw new UnsupportedOperationException();
    }
}
