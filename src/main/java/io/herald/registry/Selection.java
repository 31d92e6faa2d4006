package io.herald.registry;

import java.util.List;
import java.util.Set;

/**
 * A target in the registry's own room names: what a node selects locally and sends to the others.
 *
 * @param include    rooms whose members are selected; empty selects nobody (never everyone)
 * @param exclude    rooms whose members are left out
 * @param bySocketId whether socket ids are among {@code include} (a socket id from another app selects nothing)
 */
record Selection(String namespace, String app, List<String> include, List<String> exclude, boolean bySocketId) {
    boolean selectsNobody() {
        return include.isEmpty();
    }

    Set<String> includeSet() {
        return Set.copyOf(include);
    }

    Set<String> excludeSet() {
        return Set.copyOf(exclude);
    }
}
