package io.herald.config;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.Json;
import io.herald.security.App;
import io.herald.security.Cidr;
import io.herald.security.OriginPolicy;
import io.herald.security.SecretRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the apps file named by {@code herald.apps}: a JSON array of objects such as
 *
 * <pre>
 * [{"id": "shop", "key": "shop-key", "secret": "…", "allowedOrigins": ["https://shop.example"],
 *   "signedRegistration": true, "unsignedEmit": false, "unsignedNetworks": ["10.0.0.0/8"]}]
 * </pre>
 *
 * Every field but {@code id} is optional, with the same defaults as the single app set by system settings;
 * behind trusted proxies an app with {@code unsignedEmit} must name its {@code unsignedNetworks}; a secret
 * that is given must pass {@link SecretRule}.
 */
final class AppsLoader {
    static final String LOCALHOST = "127.0.0.1/32,::1/128";

    private AppsLoader() {}

    static List<App> load(Path file, boolean behindProxy) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the apps file " + file + ": " + e.getMessage());
        }
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (ProtocolException e) {
            throw new IllegalArgumentException("the apps file " + file + " is not valid JSON: " + e.getMessage());
        }
        if (!(parsed instanceof List<?> entries)) throw new IllegalArgumentException("the apps file must hold a JSON array");
        List<App> apps = new ArrayList<>();
        for (Object entry : entries) {
            if (!(entry instanceof Map<?, ?> map)) throw new IllegalArgumentException("each app must be a JSON object");
            apps.add(app(map, behindProxy));
        }
        return apps;
    }

    private static App app(Map<?, ?> map, boolean behindProxy) {
        Object origins = map.get("allowedOrigins");
        String originList = origins instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : origins == null ? null : String.valueOf(origins);
        Object networks = map.get("unsignedNetworks");
        String networkList = networks instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                : networks == null ? LOCALHOST : String.valueOf(networks);
        if (behindProxy && networks == null && Boolean.TRUE.equals(map.get("unsignedEmit"))) {
            throw new IllegalArgumentException("app " + map.get("id") + " in the apps file has unsignedEmit but no "
                    + "unsignedNetworks, which it needs when herald.trustedProxies is set");
        }
        String secret = string(map, "secret");
        if (secret != null) SecretRule.require(secret, "the secret of app " + string(map, "id") + " in the apps file");
        return new App(string(map, "id"), string(map, "key"), secret, OriginPolicy.parse(originList),
                !Boolean.FALSE.equals(map.get("signedRegistration")), Boolean.TRUE.equals(map.get("unsignedEmit")),
                networks(networkList));
    }

    static List<Cidr> networks(String list) {
        List<Cidr> networks = new ArrayList<>();
        for (String part : list.split(",")) if (!part.isBlank()) networks.add(Cidr.parse(part));
        return networks;
    }

    private static String string(Map<?, ?> map, String name) {
        Object value = map.get(name);
        return value == null ? null : String.valueOf(value);
    }
}
