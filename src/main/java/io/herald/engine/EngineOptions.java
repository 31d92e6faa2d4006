package io.herald.engine;

import io.herald.security.OriginPolicy;
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
 * @param maxPendingMessageBytes how many bytes all WebSocket connections together may hold for messages that
 *                         are still arriving; a message that would pass it closes its connection (1008 or 1009)
 */
public record EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, Duration upgradeTimeout,
                            long maxQueuedBytes, boolean allowEio3, OriginPolicy origins, boolean nativeWebSocket,
                            long maxPendingMessageBytes) {

    /** The default of {@link #maxPendingMessageBytes}: 64 MiB, 64 messages of the default maxPayload at once. */
    public static final long DEFAULT_MAX_PENDING_MESSAGE_BYTES = 64L * 1024 * 1024;

    public static final EngineOptions DEFAULTS = new EngineOptions(
            Duration.ofMillis(25_000), Duration.ofMillis(20_000), 1_000_000, Duration.ofMillis(10_000),
            16L * 1024 * 1024, false, OriginPolicy.NONE, true, DEFAULT_MAX_PENDING_MESSAGE_BYTES);

    /** Options with the default {@link #maxPendingMessageBytes}. */
    public EngineOptions(Duration pingInterval, Duration pingTimeout, int maxPayload, Duration upgradeTimeout,
                         long maxQueuedBytes, boolean allowEio3, OriginPolicy origins, boolean nativeWebSocket) {
        this(pingInterval, pingTimeout, maxPayload, upgradeTimeout, maxQueuedBytes, allowEio3, origins, nativeWebSocket,
                DEFAULT_MAX_PENDING_MESSAGE_BYTES);
    }

    public EngineOptions {
        if (pingInterval.isNegative() || pingInterval.isZero()) throw new IllegalArgumentException("pingInterval");
        if (pingTimeout.isNegative() || pingTimeout.isZero()) throw new IllegalArgumentException("pingTimeout");
        if (maxPayload <= 0) throw new IllegalArgumentException("maxPayload");
        if (maxQueuedBytes <= 0) throw new IllegalArgumentException("maxQueuedBytes");
        if (maxPendingMessageBytes <= 0) throw new IllegalArgumentException("maxPendingMessageBytes");
        if (origins == null) origins = OriginPolicy.NONE;
    }
}
