package io.herald.registry;

import io.herald.protocol.socket.EncodedPacket;
import io.herald.protocol.socket.SocketEncoder;
import io.herald.protocol.socket.SocketPacket;
import io.herald.recovery.RecoveryLog;
import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one routine by which an event reaches this node's sockets, whoever sent it (the API, CDI, another node):
 * with connection state recovery on it is given an offset and kept, in emit order, before it is encoded once
 * and handed to the sockets. Thread-safe.
 */
final class EventDelivery {
    private volatile RecoveryLog recovery; // null: connection state recovery is off

    void attachRecovery(RecoveryLog log) {
        this.recovery = log;
    }

    /**
     * Sends {@code data} (the event name, then its arguments) to the sockets {@code recipients} selects, which
     * it asks for under recovery's ordering lock, so that the sockets an event reaches and its place in the
     * kept order agree.
     *
     * @param include, exclude the rooms the event was sent to and not to, kept with it for recovery
     * @param offset   the offset another node gave the event, or {@code null} to make one here
     * @param append   whether this node writes the event to the shared recovery store (it made the event)
     * @return the event's offset ({@code null} with recovery off) and how many sockets of this node it reached
     */
    RecoveryLog.Sent send(Namespace namespace, String app, Set<String> include, Set<String> exclude, List<Object> data,
                          String offset, boolean append, Supplier<List<HeraldSocket>> recipients) {
        RecoveryLog log = recovery;
        if (log == null) return new RecoveryLog.Sent(offset, deliver(recipients.get(), namespace, data));
        // The offset is made locally and the stream append queued: no Redis round trip on the emit path.
        return log.emit(namespace.name(), app, include, exclude, data, offset, append,
                withOffset -> deliver(recipients.get(), namespace, withOffset));
    }

    private static int deliver(List<HeraldSocket> recipients, Namespace namespace, List<Object> data) {
        if (recipients.isEmpty()) return 0;
        EncodedPacket packet = SocketEncoder.encode(SocketPacket.event(namespace.name(), data, SocketPacket.NO_ACK));
        return namespace.deliver(recipients, packet);
    }
}
