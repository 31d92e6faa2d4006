package io.herald.socket;

import io.herald.engine.CloseCause;
import io.herald.engine.EngineListener;
import io.herald.engine.EngineSession;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The Socket.IO server: the configured namespaces, and the bridge from Engine.IO sessions to them. The
 * set of namespaces is fixed at construction, so lookups need no locking.
 */
public final class SocketServer implements EngineListener {
    private final SocketOptions options;
    private final ScheduledExecutorService timers;
    private final Supplier<String> ids;
    private final Map<String, Namespace> namespaces;

    public SocketServer(SocketOptions options, ScheduledExecutorService timers, Supplier<String> ids) {
        this.options = options;
        this.timers = timers;
        this.ids = ids;
        Map<String, Namespace> map = new LinkedHashMap<>();
        for (String name : options.namespaces()) map.put(name, new Namespace(name));
        this.namespaces = Map.copyOf(map);
    }

    public SocketOptions options() {
        return options;
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    String newId() {
        return ids.get();
    }

    /** The namespace with this name, or {@code null} if it is not configured. */
    public Namespace namespace(String name) {
        return namespaces.get(name);
    }

    public Collection<Namespace> namespaces() {
        return namespaces.values();
    }

    @Override
    public void onOpen(EngineSession session) {
        Client client = new Client(session, this);
        session.attach(client);
        client.start();
    }

    @Override
    public void onMessage(EngineSession session, String text) {
        Client client = session.attachment();
        client.onText(text);
    }

    @Override
    public void onBinary(EngineSession session, byte[] data) {
        Client client = session.attachment();
        client.onBinary(data);
    }

    @Override
    public void onClose(EngineSession session, CloseCause cause) {
        Client client = session.attachment();
        if (client != null) client.onClose(cause);
    }
}
