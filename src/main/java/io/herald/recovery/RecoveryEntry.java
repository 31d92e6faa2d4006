package io.herald.recovery;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * One event kept for connection state recovery: which sockets it was for (registry room names, as in a
 * cluster broadcast) and its data without the offset.
 *
 * @param offset the offset clients received with it ({@link Offsets}), given by the node that sent it
 * @param atMillis when this node recorded it
 */
public record RecoveryEntry(String offset, String app, Set<String> include, Set<String> exclude, List<Object> data, long atMillis) {
    public RecoveryEntry {
        include = Set.copyOf(include);
        exclude = Set.copyOf(exclude);
        data = Collections.unmodifiableList(new ArrayList<>(data));
    }

    /** The event as sent: its data with the offset last, where socket.io clients read it. */
    public List<Object> dataWithOffset() {
        List<Object> sent = new ArrayList<>(data.size() + 1);
        sent.addAll(data);
        sent.add(offset);
        return sent;
    }

    /** Whether a socket in these rooms (its own id among them) of this app was a recipient. */
    boolean isFor(Set<String> rooms, String socketApp) {
        if (app != null && !app.equals(socketApp)) return false;
        for (String room : exclude) if (rooms.contains(room)) return false;
        for (String room : include) if (rooms.contains(room)) return true;
        return false;
    }
}
