package io.herald.protocol.websocket;

/**
 * A client broke RFC 6455, or sent more than the limit: the connection is closed with {@link #closeCode()}
 * (section 7.4.1) and the message as the reason.
 */
public final class FrameException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int closeCode;

    public FrameException(int closeCode, String message) {
        super(message, null, false, false); // no stack trace: bad input is expected, not exceptional
        this.closeCode = closeCode;
    }

    /** The close code to send: 1002 (protocol error), 1007 (not UTF-8) or 1009 (too big). */
    public int closeCode() {
        return closeCode;
    }
}
