package io.herald.engine.websocket;

import io.herald.util.SharedNames;
import java.util.Locale;

/** Lower-case header names, one instance each for every connection's handshake. */
public final class HeaderNames {
    private static final SharedNames LOWER_CASE = new SharedNames(256);

    private HeaderNames() {}

    public static String lowerCase(String name) {
        return LOWER_CASE.get(name, n -> n.toLowerCase(Locale.ROOT));
    }
}
