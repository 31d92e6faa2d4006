package io.herald.config;

import io.herald.engine.EngineOptions;
import io.herald.util.SessionIds;
import io.herald.registry.SocketLimits;
import io.herald.security.App;
import io.herald.security.Apps;
import io.herald.security.OriginPolicy;
import io.herald.security.TrustedProxies;
import io.herald.security.SecretRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import io.herald.socket.SocketOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * All of Herald's settings, read once at start. Every setting has socket.io's default where socket.io has
 * one; the README's configuration table lists them.
 *
 * @param apps the tenants; without an apps file there is one, set by the {@code herald.*} app settings
 * @param demo whether the demo page's events are served (off by default: they let any page push to anyone)
 * @param cluster the Redis cluster and connection state recovery settings
 * @param limits what one socket may hold: user keys and rooms
 * @param replayCache the most signed API requests remembered per app, to refuse each one's second use
 */
public record HeraldConfig(EngineOptions engine, SocketOptions socket, Apps apps, boolean demo, ClusterOptions cluster,
                           SocketLimits limits, int replayCache) {
    /** The default of {@code herald.replayCache}: 100,000 signatures, at most about 12 MB per app. */
    public static final int REPLAY_CACHE = 100_000;

    public static HeraldConfig defaults() {
        return load(property -> null);
    }

    /** Reads system properties and environment variables. */
    public static HeraldConfig fromSystem() {
        return load(ConfigSource.system());
    }

    public static HeraldConfig load(ConfigSource source) {
        Reader r = new Reader(source);
        TrustedProxies proxies = r.proxies("herald.trustedProxies");
        Apps apps = apps(r, !proxies.isEmpty());
        EngineOptions d = EngineOptions.DEFAULTS;
        EngineOptions engine = new EngineOptions(
                r.millis("herald.pingInterval", d.pingInterval()),
                r.millis("herald.pingTimeout", d.pingTimeout()),
                r.integer("herald.maxPayload", d.maxPayload()),
                r.millis("herald.upgradeTimeout", d.upgradeTimeout()),
                r.integer("herald.maxQueuedBytes", (int) d.maxQueuedBytes()),
                r.bool("herald.allowEIO3", d.allowEio3()),
                apps.unionOfOrigins(), // the handshake check, before the page says which app it is for
                r.bool("herald.nativeWebSocket", d.nativeWebSocket()),
                proxies,
                r.integer("herald.maxPendingSessions", d.maxPendingSessions()),
                r.integer("herald.maxHandshakeHeaderBytes", d.maxHandshakeHeaderBytes()),
                r.longInteger("herald.maxPendingMessageBytes", d.maxPendingMessageBytes()));
        SocketOptions s = SocketOptions.DEFAULTS;
        SocketOptions socket = new SocketOptions(
                r.millis("herald.connectTimeout", s.connectTimeout()),
                r.list("herald.namespaces", s.namespaces()),
                r.integer("herald.maxAttachments", s.maxAttachments()));
        ClusterOptions c = ClusterOptions.DEFAULTS;
        ClusterOptions cluster = new ClusterOptions(
                r.raw("herald.cluster.redis"),
                r.rawOr("herald.cluster.key", c.key()),
                r.millis("herald.cluster.requestTimeout", c.requestTimeout()),
                r.bool("herald.recovery", c.recovery()),
                r.millis("herald.recovery.window", c.recoveryWindow()),
                r.integer("herald.recovery.buffer", c.recoveryBuffer()),
                r.integer("herald.recovery.maxSessions", c.recoverySessions()));
        SocketLimits l = SocketLimits.DEFAULTS;
        SocketLimits limits = new SocketLimits(
                r.integer("herald.maxUsersPerSocket", l.maxUsersPerSocket()),
                r.integer("herald.maxRoomsPerSocket", l.maxRoomsPerSocket()));
        int replayCache = r.integer("herald.replayCache", REPLAY_CACHE);
        if (replayCache < 1) throw new IllegalArgumentException("setting herald.replayCache must be at least 1, not " + replayCache);
        return new HeraldConfig(engine, socket, apps, r.bool("herald.demo", false), cluster, limits, replayCache);
    }

    /**
     * The app set by the {@code herald.*} settings, plus those of the apps file. Without a configured secret
     * the app gets a random one: signed registrations then work only for tokens made inside this server, and
     * the emit API stays closed, until an operator sets {@code herald.secret}. A secret that is set must pass
     * {@link SecretRule}.
     *
     * <p>Behind a proxy ({@code behindProxy}: trusted proxies are set) an app with unsigned emits must list
     * its networks: the loopback default would then mean "whatever the proxy lets through".
     */
    private static Apps apps(Reader r, boolean behindProxy) {
        List<App> apps = new ArrayList<>();
        String secret = r.raw("herald.secret");
        if (secret != null) SecretRule.require(secret, "setting herald.secret");
        boolean unsignedEmit = r.bool("herald.unsignedEmit", false);
        String networks = r.raw("herald.unsignedNetworks");
        if (behindProxy && unsignedEmit && networks == null) {
            throw new IllegalArgumentException("setting herald.unsignedNetworks must be set when herald.unsignedEmit and "
                    + "herald.trustedProxies are: name the networks of the servers that emit without signing");
        }
        apps.add(new App(
                r.rawOr("herald.appId", "default"),
                r.raw("herald.key"),
                secret != null ? secret : new SessionIds().get() + new SessionIds().get(),
                OriginPolicy.parse(r.raw("herald.allowedOrigins")),
                r.bool("herald.signedRegistration", true),
                unsignedEmit,
                AppsLoader.networks(networks != null ? networks : AppsLoader.LOCALHOST)));
        String file = r.raw("herald.apps");
        if (file != null) apps.addAll(AppsLoader.load(Path.of(file), behindProxy));
        return new Apps(apps, r.rawOr("herald.defaultApp", apps.get(0).id()));
    }

    /** Parses values, naming the setting in every error so a typo is found at start, not at run time. */
    private record Reader(ConfigSource source) {
        private String raw(String name) {
            String value = source.get(name);
            return value == null || value.isBlank() ? null : value.trim();
        }

        private String rawOr(String name, String fallback) {
            String value = raw(name);
            return value == null ? fallback : value;
        }

        int integer(String name, int fallback) {
            String v = raw(name);
            if (v == null) return fallback;
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + name + " must be a whole number, not '" + v + "'");
            }
        }

        long longInteger(String name, long fallback) {
            String v = raw(name);
            if (v == null) return fallback;
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("setting " + name + " must be a whole number, not '" + v + "'");
            }
        }

        Duration millis(String name, Duration fallback) {
            String v = raw(name);
            return v == null ? fallback : Duration.ofMillis(integer(name, 0));
        }

        boolean bool(String name, boolean fallback) {
            String v = raw(name);
            if (v == null) return fallback;
            if (v.equalsIgnoreCase("true")) return true;
            if (v.equalsIgnoreCase("false")) return false;
            throw new IllegalArgumentException("setting " + name + " must be true or false, not '" + v + "'");
        }

        TrustedProxies proxies(String name) {
            try {
                return TrustedProxies.parse(raw(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("setting " + name + ": " + e.getMessage());
            }
        }

        Set<String> list(String name, Set<String> fallback) {
            String v = raw(name);
            if (v == null) return fallback;
            Set<String> values = new LinkedHashSet<>();
            Arrays.stream(v.split(",")).map(String::trim).filter(x -> !x.isEmpty()).forEach(values::add);
            return values;
        }
    }
}
