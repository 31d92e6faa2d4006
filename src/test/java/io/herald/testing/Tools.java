package io.herald.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The gate for tests that drive an outside program (Chromium, PHP, nginx, openssl, redis-server). On a developer's
 * machine a missing program skips the test with the package to install; under {@code CI=true} it fails it, because
 * CI installs every such program ({@code .ci/run}) and a skipped test there would pass silently.
 */
public final class Tools {
    private Tools() {
    }

    /** Whether this run is CI's: the {@code CI} environment variable (or system property) is {@code true}. */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || Boolean.getBoolean("CI");
    }

    /** Requires the commands on the PATH; {@code install} says how to get them (e.g. "apt-get install php-cli"). */
    public static void require(String install, String... commands) {
        for (String command : commands) {
            require(ChildProcess.installed(command), command + " is not installed (" + install + ")");
        }
    }

    /** Requires a condition about the machine, described by {@code missing} when it does not hold. */
    public static void require(boolean available, String missing) {
        if (available) return;
        if (ci()) fail("CI=true and " + missing + ": .ci/run should have installed it");
        assumeTrue(false, missing);
    }
}
