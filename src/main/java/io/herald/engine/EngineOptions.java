package io.herald.engine;

import io.herald.security.OriginPolicy;
import io.herald.security.TrustedProxies;
import java.time.Duration;

/**
 * Engine.IO settings; the defaults are socket.io's.
 *
 * @param pingInterval     how often the server pings (v4) or the client must ping (v3)
 * @param pingTimeout      how long a pong (v4) or the next ping (v3) may be late before the session closes
 * @param maxPayload       the largest message or polling body accepted, in bytes
 * @param upgradeTimeout   how long an upgrade from polling to WebSocket may take
 * @param maxQueuedBytes   how many bytes may wait in one connection's send queue before it is closed as
 *                         a slow client
 * @param allowEio3        whether Engine.IO v3 clients (socket.io-client 1.x/2.x) are accepted
 * @param origins          the browser origins allowed to connect
 * @param nativeWebSocket  whether WebSockets on Undertow (WildFly) bypass JSR-356, Herald reading and writing
 *                         the upgraded connection itself: the same protocol at about 7 KiB less memory per
 *                         connection
 * @param trustedProxies   the proxies whose forwarding headers say who the client is and which scheme and host
 *                         it used; for same-origin handshakes, unsigned emits and the bearer-over-HTTPS check
 * @param maxPendingSessions how many sessions may wait at once for the layer above to take them (a Socket.IO
 *                         client that has not joined a namespace yet); new handshakes beyond are refused
 * @param maxHandshakeHeaderBytes how many bytes of its handshake's headers a session keeps (see {@link Handshake})
 * @param maxPendingMessageBytes how many bytes all WebSocket connections together may hold for messages that
 *                         are still arriving; a message that would pass it closes its connection (1008 or 1009)
 */
public record EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, Duration upgradeTimeout,
                            long maxQueuedBytes, boolean allowEio3, OriginPolicy origins, boolean nativeWebSocket,
                            TrustedProxies trustedProxies, int maxPendingSessions, int maxHandshakeHeaderBytes,
                            long maxPendingMessageBytes) {

    public static final int DEFAULT_MAX_PENDING_SESSIONS = 5000;
    public static final int DEFAULT_MAX_HANDSHAKE_HEADER_BYTES = 8192;
    /** The default of {@link #maxPendingMessageBytes}: 64 MiB, 64 messages of the default maxPayload at once. */
    public static final long DEFAULT_MAX_PENDING_MESSAGE_BYTES = 64L * 1024 * 1024;

    public static final EngineOptions DEFAULTS = new EngineOptions(
            Duration.ofMillis(25_000), Duration.ofMillis(20_000), 1_000_000, Duration.ofMillis(10_000),
            16L * 1024 * 1024, false, OriginPolicy.NONE, true, TrustedProxies.NONE, DEFAULT_MAX_PENDING_SESSIONS,
            DEFAULT_MAX_HANDSHAKE_HEADER_BYTES, DEFAULT_MAX_PENDING_MESSAGE_BYTES);

    /** The options without trusted proxies, with the defaults of the limits after {@link #nativeWebSocket}. */
    public EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, Duration upgradeTimeout,
                         long maxQueuedBytes, boolean allowEio3, OriginPolicy origins, boolean nativeWebSocket) {
        this(pingInterval, pingTimeout, maxPayload, upgradeTimeout, maxQueuedBytes, allowEio3, origins, nativeWebSocket,
                TrustedProxies.NONE, DEFAULT_MAX_PENDING_SESSIONS, DEFAULT_MAX_HANDSHAKE_HEADER_BYTES,
                DEFAULT_MAX_PENDING_MESSAGE_BYTES);
    }

    public EngineOptions {
        if (pingInterval.isNegative() || pingInterval.isZero()) throw new IllegalArgumentException("pingInterval");
        if (pingTimeout.isNegative() || pingTimeout.isZero()) throw new IllegalArgumentException("pingTimeout");
        if (maxPayload <= 0) throw new IllegalArgumentException("maxPayload");
        if (maxQueuedBytes <= 0) throw new IllegalArgumentException("maxQueuedBytes");
        if (maxPendingMessageBytes <= 0) throw new IllegalArgumentException("maxPendingMessageBytes");
        if (origins == null) origins = OriginPolicy.NONE;
        if (trustedProxies == null) trustedProxies = TrustedProxies.NONE;
        if (maxHandshakeHeaderBytes < 0) throw new IllegalArgumentException("setting herald.maxHandshakeHeaderBytes must not be negative");
        if (maxPendingSessions < 1) throw new IllegalArgumentException("setting herald.maxPendingSessions must be at least 1");
    }
}
