package io.herald.security;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The configured apps, found by id or by key; one of them takes the connections that name no app. */
public final class Apps {
    private final Map<String, App> byId = new LinkedHashMap<>();
    private final Map<String, App> byKey = new LinkedHashMap<>();
    private final App defaultApp;

    public Apps(List<App> apps, String defaultAppId) {
        for (App app : apps) {
            if (byId.put(app.id(), app) != null) throw new IllegalArgumentException("duplicate app id " + app.id());
            if (app.key() != null && byKey.put(app.key(), app) != null) {
                throw new IllegalArgumentException("duplicate app key for " + app.id());
            }
        }
        this.defaultApp = byId.get(defaultAppId);
        if (defaultApp == null) throw new IllegalArgumentException("unknown default app " + defaultAppId);
    }

    public App byId(String id) {
        return id == null ? null : byId.get(id);
    }

    public App byKey(String key) {
        return key == null ? null : byKey.get(key);
    }

    public App defaultApp() {
        return defaultApp;
    }

    public Collection<App> all() {
        return byId.values();
    }

    /** Every origin any app allows: the WebSocket handshake check, before the app is known. */
    public OriginPolicy unionOfOrigins() {
        boolean any = byId.values().stream().anyMatch(a -> a.origins().any());
        Set<String> all = new HashSet<>();
        byId.values().forEach(a -> all.addAll(a.origins().allowed()));
        return new OriginPolicy(all, any);
    }
}
