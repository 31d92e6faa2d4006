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
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(HeraldNode.class.getName());
        ChildProcess process = ChildProcess.start(new File("."), Map.of(), command);
        String line = process.expect("HERALD_NODE ");
        return new Running(process, Integer.parseInt(line.substring("HERALD_NODE ".length()).trim()));
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
