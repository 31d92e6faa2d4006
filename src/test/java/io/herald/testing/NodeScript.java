package io.herald.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js script from {@code src/test/js} (whose npm packages the build installs) and reads what it
 * prints, line by line, so a test can drive a real npm Socket.IO client. The process is killed on close.
 */
public final class NodeScript implements AutoCloseable {
    public static final File DIRECTORY = new File("src/test/js");

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private NodeScript(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node <script> <args…>}; stderr is merged into the output. */
    public static NodeScript start(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(DIRECTORY).redirectErrorStream(true).start();
            return new NodeScript(process);
        } catch (IOException e) {
            throw new AssertionError("could not start node", e);
        }
    }

    /** Runs a script to its end and returns its output; fails when it takes longer than {@code seconds}. */
    public static Result run(int seconds, String script, String... args) {
        try (NodeScript node = start(script, args)) {
            if (!node.process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(script + " did not finish within " + seconds + " s; printed " + node.drain());
            }
            Thread.sleep(50); // let the reader take the last lines
            return new Result(node.process.exitValue(), node.drain());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The output of a finished script. */
    public record Result(int exitCode, List<String> lines) {}

    /** The next line that starts with {@code prefix}; earlier lines are kept in {@link #seen()}. */
    public String expect(String prefix) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            long left = deadline - System.currentTimeMillis();
            String line;
            try {
                line = left <= 0 ? null : lines.poll(left, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (line == null) throw new AssertionError("no line starting with '" + prefix + "' within 10 s; saw " + seen);
            seen.add(line);
            if (line.startsWith(prefix)) return line;
        }
    }

    /** Waits for the script to end by itself; returns its exit code. */
    public int waitForExit(int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) throw new AssertionError("node still running after " + seconds + " s");
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public List<String> seen() {
        return seen;
    }

    private List<String> drain() {
        lines.drainTo(seen);
        return seen;
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
