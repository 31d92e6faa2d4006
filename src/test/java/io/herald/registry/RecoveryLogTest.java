package io.herald.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.herald.socket.SessionRecovery.Restored;
import io.herald.socket.SessionRecovery.SavedSession;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The memory of connection state recovery on one node: which events a session missed, and when it cannot recover. */
class RecoveryLogTest {
    private static final String ANN = "app:shop:user:ann";

    private static SavedSession ann(String pid, long at) {
        return new SavedSession(pid, "sid-ann", "/", Set.of(ANN, "app:shop"), Map.of(Registry.APP_ATTRIBUTE, "shop"), at);
    }

    private static String offset(List<Object> sent) {
        return (String) sent.get(sent.size() - 1);
    }

    @Test
    void aSessionGetsTheEventsForItsRoomsAfterItsOffsetInOrderAndOnlyOnce() {
        RecoveryLog log = new RecoveryLog(Duration.ofMinutes(2), 100);
        String last = offset(log.record("/", "shop", Set.of(ANN), Set.of(), List.of("seen"), null, false));
        log.save(ann("p1", System.currentTimeMillis()));
        log.record("/", "shop", Set.of(ANN), Set.of(), List.of("one"), null, false);
        log.record("/", "shop", Set.of("app:shop:user:bob"), Set.of(), List.of("bobs"), null, false);
        log.record("/", "blog", Set.of(ANN), Set.of(), List.of("other app, same room name"), null, false);
        log.record("/", "shop", Set.of("app:shop"), Set.of(ANN), List.of("everyone but ann"), null, false);
        log.record("/", null, Set.of("sid-ann"), Set.of(), List.of("to her socket id"), null, false);
        log.record("/admin", "shop", Set.of(ANN), Set.of(), List.of("another namespace"), null, false);
        String two = offset(log.record("/", "shop", Set.of("app:shop"), Set.of(), List.of("two"), null, false));

        Restored restored = log.restore("/", "p1", last);
        assertEquals("sid-ann", restored.session().sid());
        assertEquals(List.of("one", "to her socket id", "two"), restored.missed().stream().map(m -> m.get(0)).toList());
        assertEquals(two, offset(restored.missed().get(2)), "each missed event carries its own offset last");
        assertNull(log.restore("/", "p1", last), "a session recovers once");
    }

    @Test
    void unknownPidsExpiredSessionsAndForgottenOffsetsDoNotRecover() {
        RecoveryLog log = new RecoveryLog(Duration.ofSeconds(10), 3);
        String first = offset(log.record("/", "shop", Set.of(ANN), Set.of(), List.of("e0"), null, false));
        log.save(ann("fresh", System.currentTimeMillis()));
        log.save(ann("old", System.currentTimeMillis() - 11_000));
        assertNull(log.restore("/", "nobody", first));
        assertNull(log.restore("/", "old", first), "disconnected longer than the window");
        for (int i = 1; i <= 3; i++) log.record("/", "shop", Set.of(ANN), Set.of(), List.of("e" + i), null, false);
        assertNull(log.restore("/", "fresh", first), "the buffer (3 events) no longer holds the offset");
        log.save(ann("wrong-ns", System.currentTimeMillis()));
        assertNull(log.restore("/admin", "wrong-ns", first));
    }

    @Test
    void offsetsFromAnotherNodeAreKeptAsGiven() {
        RecoveryLog log = new RecoveryLog(Duration.ofMinutes(2), 100);
        List<Object> sent = log.record("/", "shop", Set.of(ANN), Set.of(), List.of("x"), "1700000000000-0", false);
        assertEquals("1700000000000-0", offset(sent));
        assertNotEquals(offset(log.record("/", "shop", Set.of(ANN), Set.of(), List.of("y"), null, false)),
                offset(log.record("/", "shop", Set.of(ANN), Set.of(), List.of("z"), null, false)));
        assertEquals(1, RecoveryLog.StreamIds.compare("1700000000001-0", "1700000000000-9"));
        assertEquals(-1, RecoveryLog.StreamIds.compare("5-1", "5-2"));
        assertEquals(-1, RecoveryLog.StreamIds.compare("Lx-1", "5-2"), "a node-local offset sorts before stream ids");
    }
}
