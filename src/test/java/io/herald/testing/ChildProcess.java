package io.herald.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program the tests drive (a Node.js script with the real npm clients, a PHP backend, a shell
 * example) and reads what it prints, line by line. The process is killed on close.
 */
public final class ChildProcess implements AutoCloseable {
    /** The Node.js scripts, whose npm packages the build installs. */
    public static final File NODE_SCRIPTS = new File("src/test/js");

    private final Process process;
    private final Thread reader;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private ChildProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) lines.add(line);
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code node <script> <args…>} in {@link #NODE_SCRIPTS}; stderr is merged into the output. */
    public static ChildProcess node(String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return start(NODE_SCRIPTS, Map.of(), command);
    }

    /** Starts any command in a directory, with extra environment variables. */
    public static ChildProcess start(File directory, Map<String, String> environment, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory).redirectErrorStream(true);
            builder.environment().putAll(environment);
            return new ChildProcess(builder.start());
        } catch (IOException e) {
            throw new AssertionError("could not start " + command, e);
        }
    }

    /** Whether a command is installed (for tests of optional tools, which CI always installs). */
    public static boolean installed(String command) {
        try {
            return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Writes a line to the program's standard input. */
    public void writeLine(String line) {
        try {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        } catch (IOException e) {
            throw new AssertionError("could not write to the process", e);
        }
    }

    /** Runs a Node.js script to its end and returns its output; fails when it takes longer than {@code seconds}. */
    public static Result run(int seconds, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        return run(seconds, NODE_SCRIPTS, Map.of(), command);
    }

    /** Runs a command to its end and returns its output. */
    public static Result run(int seconds, File directory, Map<String, String> environment, List<String> command) {
        String script = String.join(" ", command);
        try (ChildProcess node = start(directory, environment, command)) {
            if (!node.process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(script + " did not finish within " + seconds + " s; printed " + node.drain());
            }
            node.reader.join(5000); // the process ended: its output ends too
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
