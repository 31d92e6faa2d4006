package io.herald.socket;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Socket.IO settings.
 *
 * @param connectTimeout how long a new connection may take to join a namespace before it is closed
 * @param namespaces     the namespaces clients may join; {@code "/"} is always among them
 * @param maxAttachments the most binary attachments one packet may announce
 */
public record SocketOptions(Duration connectTimeout, Set<String> namespaces, int maxAttachments) {

    public static final SocketOptions DEFAULTS = new SocketOptions(Duration.ofMillis(45_000), Set.of("/"), 10);

    public SocketOptions {
        Set<String> all = new LinkedHashSet<>();
        all.add("/");
        for (String ns : namespaces) {
            if (ns == null || !ns.startsWith("/")) throw new IllegalArgumentException("namespace must start with /: " + ns);
            all.add(ns);
        }
        namespaces = Set.copyOf(all);
        if (maxAttachments < 0) throw new IllegalArgumentException("maxAttachments");
    }
}
