package io.herald.api;

/** A request the API refuses: an HTTP status, a stable machine-readable code and a message for people. */
public final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    public ApiException(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The JSON body: {@code {"code":…,"message":…}}. */
    public String json() {
        StringBuilder out = new StringBuilder("{\"code\":");
        io.herald.protocol.json.Json.writeString(code, out);
        out.append(",\"message\":");
        io.herald.protocol.json.Json.writeString(getMessage(), out);
        return out.append('}').toString();
    }

    /** A 400 with code {@code bad_request}. */
    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }
}
