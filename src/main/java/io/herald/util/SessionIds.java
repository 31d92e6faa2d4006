package io.herald.util;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;

/**
 * Random identifiers for sessions and sockets: 15 random bytes as 20 URL-safe base64 characters. They are
 * unguessable because a session id is all a polling request needs to act as that client.
 */
public final class SessionIds implements Supplier<String> {
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();

    @Override
    public String get() {
        byte[] bytes = new byte[15];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }
}
