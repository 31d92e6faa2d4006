package io.herald.engine;

/**
 * The Engine.IO handshake and request errors, with the codes and messages the reference server sends in
 * its {@code {"code":…,"message":…}} JSON bodies. Clients display the message; tests compare the code.
 */
public enum EngineError {
    UNKNOWN_TRANSPORT(0, "Transport unknown", 400),
    UNKNOWN_SID(1, "Session ID unknown", 400),
    BAD_HANDSHAKE_METHOD(2, "Bad handshake method", 400),
    BAD_REQUEST(3, "Bad request", 400),
    FORBIDDEN(4, "Forbidden", 403),
    UNSUPPORTED_PROTOCOL_VERSION(5, "Unsupported protocol version", 400),
    /** Herald's own: too many sessions are waiting to join a namespace ({@code herald.maxPendingSessions}). */
    SERVER_BUSY(6, "Server busy", 503);

    private final int code;
    private final String message;
    private final int httpStatus;

    EngineError(int code, String message, int httpStatus) {
        this.code = code;
        this.message = message;
        this.httpStatus = httpStatus;
    }

    public int code() {
        return code;
    }

    public String message() {
        return message;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** The JSON body of an HTTP error answer. */
    public String json() {
        return "{\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }
}
