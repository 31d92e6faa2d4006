package io.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.ChildProcess;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The test tooling itself: the build installed the npm test clients, and ChildProcess runs, reads and stops node. */
class ChildProcessTest {

    @Test
    void theNpmTestClientsResolveWithTheirProtocols() {
        ChildProcess.Result result = ChildProcess.run(20, "versions.js");
        assertEquals(0, result.exitCode(), String.join("\n", result.lines()));
        assertTrue(result.lines().stream().anyMatch(l -> l.matches("socket\\.io-client 4\\.8\\.\\d+ protocol 5 eio 4")),
                "socket.io-client 4.8.x speaks Socket.IO 5 over Engine.IO 4: " + result.lines());
        assertTrue(result.lines().contains("socket.io-client-v2 2.5.0 protocol 4 eio 3"),
                "the v2 alias speaks Socket.IO 4 over Engine.IO 3: " + result.lines());
        assertTrue(result.lines().contains("socket.io-client-v1 1.7.4 protocol 4 eio 3"),
                "the v1 alias speaks Socket.IO 4 over Engine.IO 3 too: " + result.lines());
    }

    @Test
    void exitCodeAndLinesAreReported() {
        ChildProcess.Result result = ChildProcess.run(20, "-e", "console.log('one'); console.error('two'); process.exit(3)");
        assertEquals(3, result.exitCode());
        assertEquals(List.of("one", "two"), result.lines(), "stdout and stderr, in order");
    }

    @Test
    void aScriptThatOutlivesItsTimeoutFailsTheTestAndIsKilled() throws Exception {
        long started = System.nanoTime();
        AssertionError error = assertThrows(AssertionError.class,
                () -> ChildProcess.run(1, "-e", "console.log('pid ' + process.pid); setInterval(() => {}, 1000)"));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 10_000, "the timeout was enforced");
        assertTrue(error.getMessage().contains("did not finish within 1 s"), error.getMessage());
        long pid = Long.parseLong(error.getMessage().replaceAll("(?s).*pid (\\d+).*", "$1"));
        assertNotAliveWithin(pid, 5_000);
    }

    @Test
    void closingAStartedScriptKillsIt() throws Exception {
        long pid;
        try (ChildProcess node = ChildProcess.node("-e", "console.log('pid ' + process.pid); setInterval(() => {}, 1000)")) {
            pid = Long.parseLong(node.expect("pid ").substring(4));
            assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        }
        assertNotAliveWithin(pid, 5_000);
    }

    private static void assertNotAliveWithin(long pid, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        while (process.map(ProcessHandle::isAlive).orElse(false) && System.currentTimeMillis() < deadline) Thread.sleep(20);
        assertFalse(process.map(ProcessHandle::isAlive).orElse(false), "node " + pid + " is still running");
    }
}
