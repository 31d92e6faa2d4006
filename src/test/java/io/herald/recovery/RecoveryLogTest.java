package io.herald.recovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.recovery.SessionRecovery.Restored;
import io.herald.recovery.SessionRecovery.SavedSession;
import io.herald.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connection state recovery on one node: offsets, which events a session missed, when it cannot recover, expiry. */
class RecoveryLogTest {
    private static final String ANN = "app:shop:user:ann";
    private static final String PID = "p1-aaaaaaaaaaaaaaaaa"; // 20 characters, the form of a session id
    private final ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private RecoveryLog log(Duration window, int capacity, int maxSessions) {
        RecoveryLog log = new RecoveryLog(window, capacity, maxSessions, timers);
        log.apps("herald.app", "default");
        return log;
    }

    private static SavedSession ann(String pid, long at) {
        return new SavedSession(pid, "sid-ann", "/", Set.of(ANN, "app:shop"), Map.of("herald.app", "shop"), at);
    }

    private static String send(RecoveryLog log, String namespace, String app, Set<String> include, Set<String> exclude, String event) {
        return log.emit(namespace, app, include, exclude, List.of(event), null, false, sent -> 1).offset();
    }

    /** Restores and returns what {@code resume} saw, or null when it was not called. */
    private static Restored restore(RecoveryLog log, String namespace, String pid, String offset) {
        AtomicReference<Restored> seen = new AtomicReference<>();
        Boolean recovered = log.restore(namespace, pid, offset, r -> {
            seen.set(r);
            return true;
        }).toCompletableFuture().getNow(null);
        assertTrue(recovered != null, "answered at once from memory");
        assertEquals(recovered, seen.get() != null);
        return seen.get();
    }

    @Test
    void aSessionGetsTheEventsForItsRoomsAfterItsOffsetInOrderAndOnlyOnce() {
        RecoveryLog log = log(Duration.ofMinutes(2), 100, 100);
        String last = send(log, "/", "shop", Set.of(ANN), Set.of(), "seen");
        log.save(ann(PID, System.currentTimeMillis()));
        send(log, "/", "shop", Set.of(ANN), Set.of(), "one");
        send(log, "/", "shop", Set.of("app:shop:user:bob"), Set.of(), "bobs");
        send(log, "/", "blog", Set.of(ANN), Set.of(), "other app, same room name");
        send(log, "/", "shop", Set.of("app:shop"), Set.of(ANN), "everyone but ann");
        send(log, "/", null, Set.of("sid-ann"), Set.of(), "to her socket id");
        send(log, "/admin", "shop", Set.of(ANN), Set.of(), "another namespace");
        String two = send(log, "/", "shop", Set.of("app:shop"), Set.of(), "two");

        Restored restored = restore(log, "/", PID, last);
        assertEquals("sid-ann", restored.session().sid());
        assertEquals(List.of("one", "to her socket id", "two"), restored.missed().stream().map(m -> m.get(0)).toList());
        assertEquals(two, restored.missed().get(2).get(1), "each missed event carries its own offset last");
        assertNull(restore(log, "/", PID, last), "a session recovers once");
    }

    @Test
    void unknownPidsExpiredSessionsAndForgottenOffsetsDoNotRecover() {
        RecoveryLog log = log(Duration.ofSeconds(10), 3, 100);
        String first = send(log, "/", "shop", Set.of(ANN), Set.of(), "e0");
        log.save(ann("fresh-aaaaaaaaaaaaaa", System.currentTimeMillis()));
        log.save(ann("old-aaaaaaaaaaaaaaaa", System.currentTimeMillis() - 11_000));
        assertNull(restore(log, "/", "nobody-aaaaaaaaaaaaa", first));
        assertNull(restore(log, "/", "old-aaaaaaaaaaaaaaaa", first), "disconnected longer than the window");
        for (int i = 1; i <= 3; i++) send(log, "/", "shop", Set.of(ANN), Set.of(), "e" + i);
        assertNull(restore(log, "/", "fresh-aaaaaaaaaaaaaa", first), "the buffer (3 events) no longer holds the offset");
        log.save(ann("wrong-ns-aaaaaaaaaaa", System.currentTimeMillis()));
        assertNull(restore(log, "/admin", "wrong-ns-aaaaaaaaaaa", first));
    }

    @Test
    void offsetsAreMadeLocallyInOrderAndThoseOfAnotherNodeAreKeptAsGiven() {
        RecoveryLog log = log(Duration.ofMinutes(2), 100, 100);
        String given = System.currentTimeMillis() + "-3-othernode";
        assertEquals(given, log.emit("/", "shop", Set.of(ANN), Set.of(), List.of("x"), given, false, sent -> {
            assertEquals(List.of("x", given), sent, "delivered with the offset last");
            return 1;
        }).offset());
        String y = send(log, "/", "shop", Set.of(ANN), Set.of(), "y"), z = send(log, "/", "shop", Set.of(ANN), Set.of(), "z");
        assertNotEquals(y, z);
        assertTrue(RecoveryIds.millisOf(y) > 0, y);
        assertEquals(Long.parseLong(y.split("-")[1]) + 1, Long.parseLong(z.split("-")[1]), "the node's own sequence");
    }

    /** A store that records what it is asked and never answers, as a Redis that stopped would. */
    private static final class SilentStore implements RecoveryStore {
        final List<String> calls = new ArrayList<>();

        @Override public void append(String namespace, RecoveryEntry entry) { calls.add("append " + entry.offset()); }
        @Override public void saveSession(SavedSession session, Duration ttl) { calls.add("save " + session.pid()); }
        @Override public CompletionStage<SavedSession> takeSession(String pid) { calls.add("take " + pid); return new CompletableFuture<>(); }
        @Override public void dropSession(String pid) { calls.add("drop " + pid); }
        @Override public CompletionStage<List<RecoveryEntry>> after(String namespace, String offset, long millis) {
            calls.add("after " + offset);
            return new CompletableFuture<>();
        }
    }

    @Test
    void aStoreThatDoesNotAnswerHoldsUpNeitherEmitsNorTheRecoveringThread() {
        RecoveryLog log = log(Duration.ofMinutes(2), 100, 100);
        SilentStore store = new SilentStore();
        log.attachStore(store);
        String offset = send(log, "/", "shop", Set.of(ANN), Set.of(), "before");
        String appended = log.emit("/", "shop", Set.of(ANN), Set.of(), List.of("appended"), null, true, sent -> 1).offset();
        assertEquals(List.of("append " + appended), store.calls, "queued for the store, with the offset made here");

        CompletionStage<Boolean> pending = log.restore("/", "unknown-aaaaaaaaaaaa", offset, r -> true);
        assertFalse(pending.toCompletableFuture().isDone(), "waits for the store without holding the caller");
        AtomicInteger delivered = new AtomicInteger();
        for (int i = 0; i < 10; i++) log.emit("/", "shop", Set.of(ANN), Set.of(), List.of("live"), null, true, sent -> delivered.incrementAndGet());
        assertEquals(10, delivered.get(), "emits go on while a recovery read is outstanding");
    }

    @Test
    void offsetsAndPidsOfAnotherFormAreRefusedWithoutAsking() {
        RecoveryLog log = log(Duration.ofMinutes(2), 100, 100);
        SilentStore store = new SilentStore();
        log.attachStore(store);
        String now = System.currentTimeMillis() + "-1-abc";
        for (String offset : List.of("-", "+", "0-0", "", "1-1-abc", now + "!", now.replace("abc", "ABC"), "99999999999999999-1-a")) {
            assertFalse(log.restore("/", PID, offset, r -> true).toCompletableFuture().getNow(true), offset);
        }
        assertFalse(log.restore("/", "short", now, r -> true).toCompletableFuture().getNow(true));
        assertEquals(List.of(), store.calls, "no store read for a malformed or stale offset or pid");
    }

    @Test
    void aQuietNodeLetsGoOfExpiredSessionsOnTime() {
        RecoveryLog log = log(Duration.ofMillis(300), 100, 100);
        log.save(ann(PID, System.currentTimeMillis()));
        assertEquals(1, log.keptSessions());
        Eventually.waitUntil(3, () -> log.keptSessions() == 0); // no event, no other disconnect: the timer purges
    }

    @Test
    void herald_recovery_maxSessions_capsTheKeptSessionsTheOldestGoFirst() {
        RecoveryLog log = log(Duration.ofMinutes(2), 100, 2);
        String offset = send(log, "/", "shop", Set.of(ANN), Set.of(), "e");
        long now = System.currentTimeMillis();
        log.save(ann("first-aaaaaaaaaaaaaa", now));
        log.save(ann("second-aaaaaaaaaaaaa", now));
        log.save(ann("third-aaaaaaaaaaaaaa", now));
        assertEquals(2, log.keptSessions());
        assertNull(restore(log, "/", "first-aaaaaaaaaaaaaa", offset), "pushed out by the cap");
        assertEquals("sid-ann", restore(log, "/", "third-aaaaaaaaaaaaaa", offset).session().sid());
    }
}
