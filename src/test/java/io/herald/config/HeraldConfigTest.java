package io.herald.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeraldConfigTest {

    @Test
    void defaultsAreSocketIos() {
        HeraldConfig config = HeraldConfig.defaults();
        assertEquals(Duration.ofMillis(25_000), config.engine().pingInterval());
        assertEquals(Duration.ofMillis(20_000), config.engine().pingTimeout());
        assertEquals(1_000_000, config.engine().maxPayload());
        assertEquals(Duration.ofMillis(45_000), config.socket().connectTimeout());
        assertEquals(Set.of("/"), config.socket().namespaces());
        assertFalse(config.engine().allowEio3());
        assertFalse(config.demo());
        assertFalse(config.engine().origins().allows("http://anywhere.example"), "no browser origin by default");
        assertTrue(config.engine().origins().allows(null), "non-browser clients send no origin");
    }

    @Test
    void maxPendingMessageBytesIsReadAndDefaultsTo64MiB() {
        assertEquals(64L * 1024 * 1024, HeraldConfig.defaults().engine().maxPendingMessageBytes());
        HeraldConfig config = HeraldConfig.load(ConfigSource.of(Map.of("herald.maxPendingMessageBytes", "5000000000")));
        assertEquals(5_000_000_000L, config.engine().maxPendingMessageBytes());
    }

    @Test
    void readsEverySetting() {
        HeraldConfig config = HeraldConfig.load(ConfigSource.of(Map.of(
                "herald.pingInterval", "100", "herald.pingTimeout", "200", "herald.maxPayload", "300",
                "herald.connectTimeout", "400", "herald.namespaces", " /admin , /chat ", "herald.allowEIO3", "TRUE",
                "herald.allowedOrigins", "https://Shop.Example/, http://localhost:8080", "herald.demo", "true",
                "herald.maxQueuedBytes", "5000", "herald.upgradeTimeout", "600")));
        assertEquals(Duration.ofMillis(100), config.engine().pingInterval());
        assertEquals(Duration.ofMillis(200), config.engine().pingTimeout());
        assertEquals(300, config.engine().maxPayload());
        assertEquals(Duration.ofMillis(400), config.socket().connectTimeout());
        assertEquals(Set.of("/", "/admin", "/chat"), config.socket().namespaces());
        assertTrue(config.engine().allowEio3());
        assertTrue(config.engine().origins().allows("https://shop.example"));
        assertTrue(config.engine().origins().allows("http://localhost:8080"));
        assertFalse(config.engine().origins().allows("http://localhost:9090"));
        assertTrue(config.demo());
        assertEquals(5000, config.engine().maxQueuedBytes());
        assertEquals(Duration.ofMillis(600), config.engine().upgradeTimeout());
    }

    @Test
    void herald_recovery_maxSessions_isReadWithASafeDefault() {
        assertEquals(100_000, HeraldConfig.defaults().cluster().recoverySessions());
        assertEquals(7, HeraldConfig.load(ConfigSource.of(Map.of("herald.recovery.maxSessions", "7"))).cluster().recoverySessions());
    }

    @Test
    void signedRegistrationsAreRequiredUnlessAnAppTurnsThemOff(@TempDir Path dir) throws Exception {
        assertTrue(HeraldConfig.defaults().apps().defaultApp().signedRegistration(), "the default app");
        Path file = dir.resolve("apps.json");
        Files.writeString(file, "[{\"id\":\"quiet\",\"key\":\"k1\",\"secret\":\"quiet-secret-0123456789\"},"
                + "{\"id\":\"doit\",\"key\":\"k2\",\"signedRegistration\":false}]");
        HeraldConfig config = HeraldConfig.load(ConfigSource.of(Map.of("herald.apps", file.toString())));
        assertTrue(config.apps().byId("quiet").signedRegistration(), "an apps file entry without the field");
        assertFalse(config.apps().byId("doit").signedRegistration(), "only an explicit false turns it off");
    }

    /** herald.secret and the apps file's secrets: short, empty and placeholder secrets stop the start. */
    @Test
    void weakSecretsAreRefusedAtStart(@TempDir Path dir) throws Exception {
        for (String weak : new String[] {"change-me-secret", "short-secret", "Change_Me_Please-0123", "password12345678",
                "secret-secret-secret", "changeit-changeit", "aaaaaaaaaaaaaaaaaaaa", "abababababababababab"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.secret", weak))), weak);
            assertTrue(e.getMessage().contains("herald.secret"), e.getMessage());
            assertFalse(e.getMessage().contains(weak), "the error never quotes the secret: " + e.getMessage());
        }
        String good = "8f3a0c5e9b1d47a2c6e0f9b3d5a7c1e4";
        assertEquals(good, HeraldConfig.load(ConfigSource.of(Map.of("herald.secret", good))).apps().defaultApp().secret());
        assertTrue(HeraldConfig.defaults().apps().defaultApp().secret().length() >= 16, "the random default passes too");
        for (String weak : new String[] {"", "change-me-secret", "blog-secret"}) {
            Path file = dir.resolve("apps.json");
            Files.writeString(file, "[{\"id\":\"blog\",\"key\":\"blog-key\",\"secret\":\"" + weak + "\"}]");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.apps", file.toString()))), weak);
            assertTrue(e.getMessage().contains("app blog"), e.getMessage());
        }
    }

    @Test
    void replayCacheIsASetting() {
        assertEquals(HeraldConfig.REPLAY_CACHE, HeraldConfig.defaults().replayCache());
        assertEquals(5, HeraldConfig.load(ConfigSource.of(Map.of("herald.replayCache", "5"))).replayCache());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.replayCache", "0"))));
        assertTrue(e.getMessage().contains("herald.replayCache"), e.getMessage());
    }

    @Test
    void wildcardOriginMustBeExplicit() {
        assertTrue(HeraldConfig.load(ConfigSource.of(Map.of("herald.allowedOrigins", "*"))).engine().origins()
                .allows("http://anything.example"));
    }

    @Test
    void badValuesNameTheSetting() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.pingInterval", "soon"))));
        assertTrue(e.getMessage().contains("herald.pingInterval"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.demo", "yes"))));
        assertThrows(IllegalArgumentException.class,
                () -> HeraldConfig.load(ConfigSource.of(Map.of("herald.namespaces", "admin"))));
    }

    @Test
    void environmentNamesFollowThePropertyNames() {
        assertEquals("HERALD_PING_INTERVAL", ConfigSource.envName("herald.pingInterval"));
        assertEquals("HERALD_ALLOW_EIO3", ConfigSource.envName("herald.allowEIO3"));
        assertEquals("HERALD_ALLOWED_ORIGINS", ConfigSource.envName("herald.allowedOrigins"));
        assertEquals("HERALD_MAX_QUEUED_BYTES", ConfigSource.envName("herald.maxQueuedBytes"));
    }
}
