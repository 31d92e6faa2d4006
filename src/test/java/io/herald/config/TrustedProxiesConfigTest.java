package io.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code herald.trustedProxies} (HERALD_TRUSTED_PROXIES), and what it asks of unsigned emits. */
class TrustedProxiesConfigTest {

    @Test
    void herald_trustedProxies_defaultsToNone() {
        assertTrue(HeraldConfig.defaults().engine().trustedProxies().isEmpty());
        assertEquals("HERALD_TRUSTED_PROXIES", ConfigSource.envName("herald.trustedProxies"));
    }

    @Test
    void herald_trustedProxies_isAListOfNetworks() {
        HeraldConfig config = HeraldConfig.load(ConfigSource.of(Map.of("herald.trustedProxies", "127.0.0.1, 10.0.0.0/8, ::1")));
        assertTrue(config.engine().trustedProxies().trusts("10.20.30.40"));
        assertTrue(config.engine().trustedProxies().trusts("::1"));
        assertFalse(config.engine().trustedProxies().trusts("192.0.2.1"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.trustedProxies", "nginx.local"))));
        assertTrue(bad.getMessage().contains("herald.trustedProxies"), bad.getMessage());
    }

    @Test
    void behindTrustedProxiesUnsignedEmitsNeedTheirNetworksSetExplicitly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeraldConfig.load(ConfigSource.of(
                Map.of("herald.trustedProxies", "127.0.0.1", "herald.unsignedEmit", "true"))));
        assertTrue(e.getMessage().contains("herald.unsignedNetworks"), e.getMessage());
        HeraldConfig explicit = HeraldConfig.load(ConfigSource.of(Map.of("herald.trustedProxies", "127.0.0.1",
                "herald.unsignedEmit", "true", "herald.unsignedNetworks", "10.1.2.3")));
        assertTrue(explicit.apps().defaultApp().acceptsUnsignedFrom("10.1.2.3"));
        assertFalse(explicit.apps().defaultApp().acceptsUnsignedFrom("127.0.0.1"));
        // without a proxy the loopback default stays
        assertTrue(HeraldConfig.load(ConfigSource.of(Map.of("herald.unsignedEmit", "true"))).apps().defaultApp()
                .acceptsUnsignedFrom("127.0.0.1"));
    }

    @Test
    void behindTrustedProxiesAnAppsFileEntryWithUnsignedEmitsNamesItsNetworks(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("apps.json");
        Files.writeString(file, "[{\"id\":\"doit\",\"key\":\"k\",\"secret\":\"doit-secret-0123456789\",\"unsignedEmit\":true}]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeraldConfig.load(ConfigSource.of(
                Map.of("herald.trustedProxies", "127.0.0.1", "herald.apps", file.toString()))));
        assertTrue(e.getMessage().contains("unsignedNetworks"), e.getMessage());
        Files.writeString(file, "[{\"id\":\"doit\",\"key\":\"k\",\"secret\":\"doit-secret-0123456789\",\"unsignedEmit\":true,"
                + "\"unsignedNetworks\":[\"10.0.0.0/8\"]}]");
        assertTrue(HeraldConfig.load(ConfigSource.of(Map.of("herald.trustedProxies", "127.0.0.1", "herald.apps",
                file.toString()))).apps().byId("doit").acceptsUnsignedFrom("10.9.8.7"));
    }
}
