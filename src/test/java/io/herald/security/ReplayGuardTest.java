package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.security.ReplayGuard.Use;
import org.junit.jupiter.api.Test;

class ReplayGuardTest {
    private static final long NOW = 1_765_000_000L;

    @Test
    void aSignatureIsAcceptedOncePerApp() {
        ReplayGuard guard = new ReplayGuard(10);
        assertEquals(Use.FIRST, guard.use("shop", NOW, "ab12", NOW));
        assertEquals(Use.REPEATED, guard.use("shop", NOW, "AB12", NOW + 100), "hex case does not make it new");
        assertEquals(Use.FIRST, guard.use("blog", NOW, "ab12", NOW), "each app has its own");
        assertEquals(Use.FIRST, guard.use("shop", NOW, "cd34", NOW));
    }

    @Test
    void whatTheWindowRefusesAnywayIsForgotten() {
        ReplayGuard guard = new ReplayGuard(2);
        guard.use("shop", NOW, "a", NOW);
        guard.use("shop", NOW + 1, "b", NOW + 1);
        // both leave the window: room for two more without raising the floor
        assertEquals(Use.FIRST, guard.use("shop", NOW + 400, "c", NOW + 400));
        assertEquals(Use.FIRST, guard.use("shop", NOW + 399, "d", NOW + 400), "a little clock skew is fine");
    }

    /** Full: the oldest signature is forgotten, and nothing as old as it can pass any more, so it cannot be replayed. */
    @Test
    void aFullCacheRefusesWhatItCanNoLongerCheck() {
        ReplayGuard guard = new ReplayGuard(3);
        assertEquals(Use.FIRST, guard.use("shop", NOW - 100, "old", NOW));
        assertEquals(Use.FIRST, guard.use("shop", NOW - 50, "b", NOW));
        assertEquals(Use.FIRST, guard.use("shop", NOW - 10, "c", NOW));
        assertEquals(Use.FIRST, guard.use("shop", NOW, "d", NOW)); // forgets "old"
        assertEquals(Use.TOO_OLD, guard.use("shop", NOW - 100, "old", NOW), "the forgotten one is not replayable");
        assertEquals(Use.TOO_OLD, guard.use("shop", NOW - 200, "other", NOW));
        assertEquals(Use.REPEATED, guard.use("shop", NOW - 50, "b", NOW));
        assertEquals(Use.FIRST, guard.use("shop", NOW, "e", NOW), "a request signed now still passes");
        assertThrows(IllegalArgumentException.class, () -> new ReplayGuard(0));
    }
}
