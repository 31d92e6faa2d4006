package io.herald.security;

import java.util.Base64;

/**
 * Proof, made by the backend, that a page may register as a user key: the page cannot forge it without the
 * app's secret, so knowing somebody's key is no longer enough to receive their events.
 *
 * <p>{@code token = base64url(HMAC-SHA256(secret, appId + "\n" + userKey + "\n" + expires))}, where
 * {@code expires} is a Unix time in seconds. The page sends {@code {userid, expires, token}}.
 */
public final class RegistrationToken {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private RegistrationToken() {}

    public static String create(App app, String userKey, long expiresSeconds) {
        return BASE64URL.encodeToString(Hmac.sign(app.secret(), app.id() + "\n" + userKey + "\n" + expiresSeconds));
    }

    /**
     * Why a token is refused, or {@code null} when it is valid. The expiry may come as a number or as its
     * digits (the Java client sends auth values as strings).
     */
    public static String verify(App app, String userKey, Object expires, Object token, long nowSeconds) {
        Long parsed = expires instanceof Long l ? l
                : expires instanceof String s && s.matches("\\d{1,12}") ? Long.valueOf(s) : null;
        if (!(token instanceof String given) || parsed == null) return "a token and its expiry are required";
        long expiry = parsed;
        if (expiry < nowSeconds) return "token expired";
        return Hmac.equal(create(app, userKey, expiry), given) ? null : "invalid token";
    }
}
