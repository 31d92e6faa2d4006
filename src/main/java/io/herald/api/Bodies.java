package io.herald.api;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import java.io.IOException;
import java.io.InputStream;

/** Reads request bodies with a size limit, and parses JSON ones. */
public final class Bodies {
    /** The largest API request body, in bytes (a batch of emits included). */
    public static final int MAX_BYTES = 1_000_000;

    private Bodies() {}

    /** The body, at most {@link #MAX_BYTES}; 413 when longer, 400 when it cannot be read. */
    public static byte[] read(InputStream in, long declaredLength) {
        if (declaredLength > MAX_BYTES) throw tooLarge();
        try {
            byte[] body = in == null ? new byte[0] : in.readNBytes(MAX_BYTES + 1);
            if (body.length > MAX_BYTES) throw tooLarge();
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("could not read the request body");
        }
    }

    /** The body parsed as JSON; 400 when empty or malformed. */
    public static Object json(byte[] body) {
        if (body.length == 0) throw ApiException.badRequest("the request needs a JSON body");
        try {
            return Json.parse(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (ProtocolException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    /** The 413 for a body over {@link #MAX_BYTES}. */
    public static ApiException tooLarge() {
        return new ApiException(413, "too_large", "the request body is larger than " + MAX_BYTES + " bytes");
    }
}
