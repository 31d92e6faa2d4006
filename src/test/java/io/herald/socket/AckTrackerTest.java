package io.herald.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AckTrackerTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AckTracker acks = new AckTracker(timers);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    @Test
    void theClientsAnswerCompletesItsAckOnceAndOnlyThatOne() throws Exception {
        CompletableFuture<List<Object>> first = new CompletableFuture<>(), second = new CompletableFuture<>();
        long a = acks.register(first, 60_000), b = acks.register(second, 60_000);
        assertNotEquals(a, b);

        assertTrue(acks.complete(b, List.of("ok")));
        assertEquals(List.of("ok"), second.get(1, TimeUnit.SECONDS));
        assertFalse(first.isDone());
        assertFalse(acks.complete(b, List.of("again")), "a duplicate answer is unknown");
        assertEquals(1, acks.size());
    }

    @Test
    void anAckThatTimesOutAtOnceStillFails() {
        for (int i = 0; i < 200; i++) {
            CompletableFuture<List<Object>> future = new CompletableFuture<>();
            acks.register(future, 0);
            ExecutionException failure = assertThrows(ExecutionException.class, () -> future.get(5, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, failure.getCause());
        }
        assertEquals(0, acks.size());
    }

    @Test
    void aDisconnectFailsEveryPendingAck() {
        CompletableFuture<List<Object>> one = new CompletableFuture<>(), two = new CompletableFuture<>();
        acks.register(one, 60_000);
        long late = acks.register(two, 60_000);

        acks.failAll("socket disconnected: transport close");

        assertTrue(one.isCompletedExceptionally());
        assertTrue(two.isCompletedExceptionally());
        assertFalse(acks.complete(late, List.of()), "an answer after the disconnect completes nothing");
        assertEquals(0, acks.size());
    }

    @Test
    void aSocketThatNeverAsksHasNothingPending() {
        acks.failAll("never asked");
        assertFalse(acks.complete(0, List.of()));
        assertEquals(0, acks.size());
    }
}
