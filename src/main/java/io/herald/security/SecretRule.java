package io.herald.security;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * What a configured secret must be: at least {@value #MIN_BYTES} bytes (128 bits, as long as a guess-proof
 * HMAC key needs when it is random; {@code openssl rand -hex 32} gives 64 characters), not one of the
 * placeholders that example configurations ship ({@code change-me-secret}, {@code changeit}, {@code password},
 * {@code secret}…) and not one or two characters repeated. A secret that fails is refused at start, so that a
 * copied example never guards a deployment.
 */
public final class SecretRule {
    public static final int MIN_BYTES = 16;

    /**
     * Placeholders, compared with the secret's letters only, lower case: {@code Pass-word_2024!} is {@code password},
     * and so is {@code password-password}.
     */
    private static final Set<String> PLACEHOLDERS = Set.of("secret", "password", "passwd", "pass", "changeit", "changeme",
            "default", "example", "test", "demo", "herald", "admin", "letmein", "qwerty", "mysecret", "yoursecret",
            "topsecret", "supersecret", "secretkey", "apikey", "key", "appsecret", "shared", "sharedsecret", "token");

    /** Placeholder words that mark a secret as an example wherever they stand in it. */
    private static final String[] MARKERS = {"changeme", "changeit", "replaceme", "placeholder", "yoursecrethere"};

    private SecretRule() {}

    /** Why this secret is refused, or {@code null} when it is acceptable. Never quotes the secret. */
    public static String weakness(String secret) {
        if (secret == null || secret.isEmpty()) return "it is empty";
        int bytes = secret.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < MIN_BYTES) return "it is " + bytes + " bytes long, fewer than " + MIN_BYTES;
        String letters = secret.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        for (String marker : MARKERS) {
            if (letters.contains(marker)) return "it is a placeholder (" + marker + ")";
        }
        for (String word : PLACEHOLDERS) {
            if (!letters.isEmpty() && letters.replace(word, "").isEmpty()) {
                return "it is a placeholder (" + word + ", with digits or signs)";
            }
        }
        if (secret.chars().distinct().count() <= 2) return "it repeats one or two characters";
        return null;
    }

    /**
     * Throws {@link IllegalArgumentException} naming {@code where} (a setting or an app) when the secret is refused.
     */
    public static void require(String secret, String where) {
        String weakness = weakness(secret);
        if (weakness != null) {
            throw new IllegalArgumentException(where + " is refused: " + weakness + ". Use at least " + MIN_BYTES
                    + " random bytes, e.g. the output of `openssl rand -hex 32`");
        }
    }
}
