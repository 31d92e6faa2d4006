package io.herald.protocol;

/**
 * A packet or payload that does not decode. Thrown by every codec in this package; the connection that
 * received the input closes with {@link #getMessage()} as the logged reason.
 */
public class ProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message, null, false, false); // no stack trace: malformed input is expected, not exceptional
    }
}
