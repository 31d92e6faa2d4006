package io.herald.testing;

import io.herald.config.HeraldConfig;
import java.util.HashMap;
import java.util.Map;

/** Builds configurations for tests from {@code key=value} pairs over the defaults. */
public final class TestConfigs {
    private TestConfigs() {}

    /** {@code config("herald.pingInterval", "100", …)}. */
    public static HeraldConfig config(String... pairs) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) values.put(pairs[i], pairs[i + 1]);
        return HeraldConfig.load(values::get);
    }
}
