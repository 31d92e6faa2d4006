package io.herald.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Rooms small and large, joined and left concurrently: the index says exactly who is where. */
class RoomIndexTest {

    @Test
    void roomsGrowPastTheirCompactFormAndShrinkToNothing() {
        RoomIndex index = new RoomIndex();
        for (int i = 0; i < 20; i++) index.join("s" + i, "lobby");
        assertEquals(20, index.members("lobby").size());
        for (int i = 0; i < 20; i += 2) index.leave("s" + i, "lobby");
        Set<String> odd = new HashSet<>();
        for (int i = 1; i < 20; i += 2) odd.add("s" + i);
        assertEquals(odd, index.members("lobby"));
        index.join("s1", "lobby"); // joining twice changes nothing
        assertEquals(10, index.members("lobby").size());
        for (int i = 1; i < 20; i += 2) index.leaveAll("s" + i);
        assertTrue(index.members("lobby").isEmpty());
        assertEquals(0, index.roomCount(), "an empty room is removed");
        assertEquals(0, index.indexedSockets());
    }

    @Test
    void concurrentJoinsAndLeavesLoseNothing() throws Exception {
        RoomIndex index = new RoomIndex();
        int threads = 8, perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            runs.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String socket = "t" + thread + "-" + i;
                    index.join(socket, "all");                 // a large room
                    index.join(socket, "group-" + (i % 50));  // rooms around the compact limit
                    index.join(socket, socket);               // its own room
                    if (i % 2 == 1) index.leaveAll(socket);
                }
                return null;
            }));
        }
        for (Future<?> run : runs) run.get();
        pool.shutdown();
        int stayed = threads * perThread / 2;
        assertEquals(stayed, index.members("all").size());
        assertEquals(stayed, index.indexedSockets());
        int inGroups = 0;
        for (int g = 0; g < 50; g++) inGroups += index.members("group-" + g).size();
        assertEquals(stayed, inGroups);
        assertEquals(Set.of("all", "group-0", "t3-0"), index.roomsOf("t3-0"));
    }
}
