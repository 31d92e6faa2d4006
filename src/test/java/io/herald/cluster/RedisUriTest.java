package io.herald.cluster;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.testing.HeraldTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** A malformed herald.cluster.redis fails the start with an error that names the setting but not its password. */
class RedisUriTest {
    @Test
    void theStartErrorOfAMalformedRedisUriHidesItsPassword() {
        for (String uri : new String[] {"redis://:hunter2-pw@[::1:6379", "redis://:hunter2 pw@127.0.0.1:6379",
                "redis//:hunter2-pw@127.0.0.1", "redis://herald:hunter2-pw@127.0.0.1:6379/db", "redis://hunter2-pw@127.0.0.1:70000"}) {
            Throwable error = assertThrows(RuntimeException.class, () -> HeraldTestServer.start(config("herald.cluster.redis", uri)).close(), uri);
            StringWriter trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            assertTrue(trace.toString().contains("herald.cluster.redis"), trace.toString());
            assertFalse(trace.toString().contains("hunter2"), trace.toString());
        }
    }

    @Test
    void redactionKeepsWhatHelpsFindTheTypo() {
        String redacted = RedisCluster.redacted("redis://herald:hunter2-pw@10.0.0.5:63 79/0?password=x&timeout=5s");
        assertFalse(redacted.contains("hunter2") || redacted.contains("password=x"), redacted);
        assertTrue(redacted.startsWith("redis://***@10.0.0.5:63 79/0?"), redacted);
        assertTrue(redacted.contains("timeout=5s"), redacted);
        assertEquals("***@host", RedisCluster.redacted("redis//:pw@host"), "no scheme: still hidden");
        assertEquals("redis://***@host", RedisCluster.redacted("redis://:p@ss/w@rd@host"));
        assertEquals("redis://host:6379", RedisCluster.redacted("redis://host:6379"));
    }
}
