package io.herald.protocol.json;

/**
 * JSON text that is already valid and is written as is: lets an emit pass its payload through without
 * parsing and serialising it again. The creator vouches for validity ({@link #parse} checks it).
 */
public record RawJson(String json) {
    public RawJson {
        if (json == null || json.isEmpty()) throw new IllegalArgumentException("empty JSON");
    }

    /** Validates {@code json} and wraps it. */
    public static RawJson parse(String json) throws io.herald.protocol.ProtocolException {
        Json.parse(json);
        return new RawJson(json);
    }
}
