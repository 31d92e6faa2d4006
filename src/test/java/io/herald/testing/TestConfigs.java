package io.herald.testing;

import io.herald.config.HeraldConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds configurations for tests from {@code key=value} pairs over the defaults. Registrations are unsigned
 * unless a test asks otherwise: most tests are about the protocol, and the ones about tokens say so.
 */
public final class TestConfigs {
    private TestConfigs() {}

    /** {@code config("herald.pingInterval", "100", …)}. */
    public static HeraldConfig config(String... pairs) {
        Map<String, String> values = new HashMap<>();
        values.put("herald.signedRegistration", "false");
        for (int i = 0; i < pairs.length; i += 2) values.put(pairs[i], pairs[i + 1]);
        return HeraldConfig.load(values::get);
    }
}
