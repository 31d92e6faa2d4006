package io.herald.demo;

import io.herald.registry.Registry;
import io.herald.push.Target;
import io.herald.socket.Ack;
import io.herald.socket.HeraldSocket;
import io.herald.socket.Namespace;
import io.herald.socket.SocketListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events behind the demo page at {@code /}: everyone sees who is connected ({@code demo:presence}),
 * and a page may send a note to a user key ({@code demo:push}). Only installed when {@code herald.demo}
 * is on, because it lets any page push to anyone.
 */
public final class DemoHandler implements SocketListener {
    static final String PRESENCE = "demo:presence";
    static final String PUSH = "demo:push";
    static final String NOTE = "demo:note";

    private final Registry registry;
    private Namespace namespace;

    public DemoHandler(Registry registry) {
        this.registry = registry;
    }

    public void install(Namespace namespace) {
        this.namespace = namespace;
        namespace.addListener(this);
    }

    @Override
    public void onConnect(HeraldSocket socket) {
        announce();
    }

    @Override
    public void onDisconnect(HeraldSocket socket, String reason) {
        announce();
    }

    @Override
    public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
        switch (event) {
            case "register" -> announce();
            case PUSH -> push(socket, args.isEmpty() ? null : args.get(0), ack);
            default -> { }
        }
    }

    private void push(HeraldSocket from, Object request, Ack ack) {
        if (!(request instanceof Map<?, ?> map) || !(map.get("to") instanceof String to) || to.isEmpty()) {
            if (ack != null) ack.send(Map.of("error", "demo:push needs {to: <user key or *>, text}"));
            return;
        }
        Map<String, Object> note = new LinkedHashMap<>();
        note.put("from", String.join(",", registry.userKeys(from)));
        note.put("fromSocket", from.id());
        note.put("text", String.valueOf(map.get("text")));
        Target target = ("*".equals(to) ? Target.everyone() : Target.users(to)).inApp(registry.appOf(from).id());
        int reached = registry.emit(target, NOTE, note);
        if (ack != null) ack.send(Map.of("reached", reached));
    }

    /** Sends the list of connected sockets of the default app to everyone on its demo page. */
    private void announce() {
        String app = registry.apps().defaultApp().id();
        List<Map<String, Object>> list = new ArrayList<>();
        for (HeraldSocket s : namespace.sockets()) {
            if (!registry.appOf(s).id().equals(app)) continue;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("users", List.copyOf(registry.userKeys(s)));
            entry.put("transport", s.transport());
            list.add(entry);
        }
        registry.emit(Target.everyone(), PRESENCE, list);
    }
}
