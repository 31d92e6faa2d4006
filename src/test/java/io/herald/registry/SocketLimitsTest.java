package io.herald.registry;

import io.herald.push.RoomLimitException;
import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.config.HeraldConfig;
import io.herald.push.Target;
import io.herald.testing.HeraldTestServer;
import io.herald.testing.JavaClient;
import io.herald.testing.SignedHttp;
import java.util.List;
import java.util.Map;
import org.json.JSONObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code herald.maxUsersPerSocket} and {@code herald.maxRoomsPerSocket}: one socket cannot be bound to user
 * keys or put in rooms without end. Beyond the limit the caller hears of it (an ack error, an API 409);
 * what the socket had stays.
 */
class SocketLimitsTest {
    private HeraldTestServer server;
    private SignedHttp api;

    @BeforeEach
    void start() {
        server = HeraldTestServer.start(config("herald.maxUsersPerSocket", "2", "herald.maxRoomsPerSocket", "2",
                "herald.key", "limits-key", "herald.secret", "limits-secret-0123456789"));
        api = new SignedHttp(server.uri(), "limits-key", "limits-secret-0123456789");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Registry registry() {
        return server.herald().registry();
    }

    @Test
    void theDefaultsAreSafe() {
        HeraldConfig defaults = HeraldConfig.defaults();
        assertEquals(16, defaults.limits().maxUsersPerSocket());
        assertEquals(256, defaults.limits().maxRoomsPerSocket());
        var zero = assertThrows(IllegalArgumentException.class, () -> config("herald.maxRoomsPerSocket", "0"));
        assertTrue(zero.getMessage().contains("herald.maxRoomsPerSocket"), zero.getMessage());
    }

    @Test
    void aSocketRegistersAtMostMaxUsersPerSocketKeys() throws Exception {
        try (JavaClient page = JavaClient.connect(server.uri()).register("a").register("b")) {
            JSONObject ack = (JSONObject) page.request("register", new JSONObject(Map.of("userid", "c"))).get(0);
            assertFalse(ack.getBoolean("ok"), ack.toString());
            assertEquals(429, ack.getJSONObject("error").getInt("code"));
            assertEquals("register:error", page.next().event(), "the page sees the refusal");
            assertEquals(0, registry().emit(Target.users("c"), "for-c"), "c was not bound");
            page.register("b"); // a key it has already is no new one
            assertEquals(1, registry().emit(Target.users("a"), "for-a"));
            assertEquals("for-a", page.next().event());
        }
    }

    @Test
    void theApiJoinsASocketToAtMostMaxRoomsPerSocketRooms() {
        try (JavaClient page = JavaClient.connect(server.uri()).register("ann")) {
            assertEquals(200, api.send("PUT", "/api/v1/users/ann/rooms/r1", "").statusCode());
            assertEquals(200, api.send("PUT", "/api/v1/users/ann/rooms/r2", "").statusCode());
            assertEquals(200, api.send("PUT", "/api/v1/users/ann/rooms/r2", "").statusCode(), "a room it is in is no new one");
            var refused = api.send("PUT", "/api/v1/users/ann/rooms/r3", "");
            assertEquals(409, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("\"code\":\"room_limit\""), refused.body());
            assertEquals(0, registry().emit(Target.rooms("r3"), "r3"), "nobody is in r3");
            assertEquals(1, registry().emit(Target.rooms("r1"), "r1"), "r1 is kept");
            // leaving one makes room for another
            assertEquals(200, api.send("DELETE", "/api/v1/users/ann/rooms/r1", "").statusCode());
            assertEquals(200, api.send("PUT", "/api/v1/users/ann/rooms/r3", "").statusCode());
        }
    }

    @Test
    void javaCallersHearOfARefusedJoin() {
        try (JavaClient one = JavaClient.connect(server.uri()).register("bob");
             JavaClient two = JavaClient.connect(server.uri()).register("bob")) {
            registry().join(Target.sockets(one.id()), "x");
            registry().join(Target.sockets(one.id()), "y");
            RoomLimitException e = assertThrows(RoomLimitException.class, () -> registry().join(Target.users("bob"), "z"));
            assertEquals(1, e.joined());
            assertEquals(1, e.refused());
            assertEquals(List.of(two.id()), registry().sockets(Target.rooms("z")).stream().map(s -> s.id()).toList());
        }
    }

    @Test
    void clusterJoinsStopAtTheLimitToo() {
        try (JavaClient page = JavaClient.connect(server.uri()).register("cy")) {
            for (String room : List.of("c1", "c2", "c3")) {
                registry().fromCluster().changeRooms("/", null, java.util.Set.of("cy"), java.util.Set.of(), java.util.Set.of(room), true);
            }
            assertEquals(java.util.Set.of("c1", "c2"), registry().rooms(registry().sockets(Target.users("cy")).get(0)));
        }
    }
}
