package io.herald.testing;

import io.herald.config.HeraldConfig;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A second Herald server in its own JVM, for cluster tests: the same embedded server as {@link HeraldTestServer},
 * configured by {@code -Dherald.*} system properties. It prints {@code HERALD_NODE <port>} when it listens and
 * stops when its standard input closes (so a test that dies takes it along).
 */
public final class HeraldNode {
    private HeraldNode() {}

    public static void main(String[] args) throws Exception {
        try (HeraldTestServer server = HeraldTestServer.start(HeraldConfig.fromSystem())) {
            System.out.println("HERALD_NODE " + server.port());
            System.out.flush();
            while (System.in.read() != -1) {
                // runs until the parent closes our input
            }
        }
        System.exit(0);
    }

    /** Starts a node with these settings; returns the running process and its port. */
    public static Running start(Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        command.add("-Xmx256m");
        settings.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(classpath());
        command.add(HeraldNode.class.getName());
        ChildProcess process = ChildProcess.start(new File("."), Map.of(), command);
        String line = process.expect("HERALD_NODE ");
        return new Running(process, Integer.parseInt(line.substring("HERALD_NODE ".length()).trim()));
    }

    /**
     * The unit tests' classpath: the running one under surefire; under failsafe (which leaves out the embedded
     * server) the one the build wrote for this, named by {@code herald.node.classpath} ({@code @file} parts read).
     */
    private static String classpath() {
        String configured = System.getProperty("herald.node.classpath");
        if (configured == null) return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        StringBuilder out = new StringBuilder();
        for (String part : configured.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
            if (out.length() > 0) out.append(File.pathSeparator);
            try {
                out.append(part.startsWith("@") ? java.nio.file.Files.readString(java.nio.file.Path.of(part.substring(1))).trim() : part);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return out.toString();
    }

    /** A node process and the port it serves on. */
    public record Running(ChildProcess process, int port) implements AutoCloseable {
        public java.net.URI uri() {
            return java.net.URI.create("http://127.0.0.1:" + port);
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
