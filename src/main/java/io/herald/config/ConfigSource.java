package io.herald.config;

import java.util.Map;

/**
 * Where settings come from. The default looks up a system property ({@code herald.pingInterval}) and then
 * the matching environment variable ({@code HERALD_PING_INTERVAL}), so the same names work with
 * {@code -D} flags, server configuration and containers.
 */
@FunctionalInterface
public interface ConfigSource {

    /** The raw value of a setting, or {@code null} when it is not set. */
    String get(String property);

    static ConfigSource system() {
        return property -> {
            String value = System.getProperty(property);
            return value != null ? value : System.getenv(envName(property));
        };
    }

    static ConfigSource of(Map<String, String> values) {
        return values::get;
    }

    /**
     * {@code herald.pingInterval} → {@code HERALD_PING_INTERVAL}; an acronym stays one word
     * ({@code herald.allowEIO3} → {@code HERALD_ALLOW_EIO3}).
     */
    static String envName(String property) {
        StringBuilder env = new StringBuilder();
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            if (c == '.' || c == '-') {
                env.append('_');
            } else if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(property.charAt(i - 1))) {
                env.append('_').append(c);
            } else {
                env.append(Character.toUpperCase(c));
            }
        }
        return env.toString();
    }
}
