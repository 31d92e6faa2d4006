package io.herald.api.http;

import io.herald.api.ApiException;
import io.herald.util.ProtocolLog;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.security.Hmac;
import io.herald.security.ReplayGuard;
import io.herald.security.RequestSignature;
import io.herald.security.RequestSource;
import io.herald.security.TrustedProxies;
import io.herald.adapter.servlet.ServletRequestSource;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;

/**
 * Authenticates an API request as one app: by its signature ({@link RequestSignature}), single-use
 * ({@link ReplayGuard}: the same signed request a second time is refused), or by
 * {@code Authorization: Bearer <secret>} over TLS only, since a bearer secret sent in clear text is a secret
 * given away. Behind a proxy, "over TLS" is the client's connection to the proxy, as a trusted proxy's
 * {@code X-Forwarded-Proto} or {@code Forwarded} says; from any other peer those headers are not believed.
 */
final class ApiAuth {
    private ApiAuth() {}

    static App authenticate(Apps apps, ReplayGuard replays, TrustedProxies proxies, HttpServletRequest request, byte[] body) {
        String key = request.getHeader(RequestSignature.KEY_HEADER);
        if (key == null) throw unauthorized("missing " + RequestSignature.KEY_HEADER);
        App app = apps.byKey(key);
        if (app == null) throw new ApiException(404, "unknown_app", "no app has this key");
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            // forwarding headers from an untrusted peer: a container's own proxy support may have believed them
            RequestSource source = ServletRequestSource.of(request, proxies);
            if (!source.secure() || source.untrustedForwarding()) {
                throw unauthorized("a bearer secret is accepted over HTTPS only (from a proxy only if it is in "
                        + "herald.trustedProxies); sign the request instead");
            }
            if (!Hmac.equal(app.secret(), authorization.substring(7).trim())) throw unauthorized("wrong secret");
            return app;
        }
        String refusal;
        long now = Instant.now().getEpochSecond();
        String timestamp = request.getHeader(RequestSignature.TIMESTAMP_HEADER);
        String signature = request.getHeader(RequestSignature.SIGNATURE_HEADER);
        try {
            refusal = RequestSignature.verify(app.secret(), request.getMethod(), request.getRequestURI(),
                    request.getQueryString(), body, timestamp, signature, now);
        } catch (RequestSignature.MalformedQueryException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (refusal != null) throw unauthorized(refusal);
        // verified, so the timestamp parses and the signature is the app's own: only now may it enter the cache
        switch (replays.use(app.id(), Long.parseLong(timestamp.trim()), signature.trim(), now)) {
            case FIRST -> { }
            case REPEATED -> {
                ProtocolLog.refusal("app " + app.id() + ": refused a replayed signed request to " + request.getRequestURI());
                throw unauthorized("this signed request was already used; each is single-use (sign again, or add a nonce parameter)");
            }
            case TOO_OLD -> {
                ProtocolLog.refusal("app " + app.id() + ": refused a signed request older than the replay cache reaches"
                        + " back; herald.replayCache may be too small for this app's rate of requests");
                throw unauthorized("timestamp too old to check for replay; sign with the current time");
            }
        }
        return app;
    }

    private static ApiException unauthorized(String why) {
        return new ApiException(401, "unauthorized", why);
    }
}
