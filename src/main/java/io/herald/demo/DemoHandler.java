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
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The events behind the demo page at {@code /}: everyone sees who is connected ({@code demo:presence}),
 * and a page may send a note to a user key ({@code demo:push}). Only installed when {@code herald.demo}
 * is on, because it lets any page push to anyone.
 *
 * <p>The presence list is {@code {total, sockets}} with at most {@value #MAX_LISTED} sockets, sent at most once
 * every {@value #INTERVAL_MILLIS} ms however many sockets come and go (changes in between are coalesced into the
 * next list): sent whole on every connect, 5,000 clients cost 5,000 × 5,000 entries and ran a 512 MB server
 * out of memory.
 */
public final class DemoHandler implements SocketListener {
    static final String PRESENCE = "demo:presence";
    static final String PUSH = "demo:push";
    static final String NOTE = "demo:note";
    static final int MAX_LISTED = 50;
    static final long INTERVAL_MILLIS = 1000;

    private final Registry registry;
    private final ScheduledExecutorService timers;
    private final AtomicBoolean pending = new AtomicBoolean(); // a list is scheduled and has not been built yet
    private volatile long lastSent = Long.MIN_VALUE / 2; // System.nanoTime() of the last list; written by the timer task
    private Namespace namespace; // set once by install, before any socket connects

    public DemoHandler(Registry registry, ScheduledExecutorService timers) {
        this.registry = registry;
        this.timers = timers;
    }

    public void install(Namespace namespace) {
        this.namespace = namespace;
        namespace.addListener(this);
    }

    @Override
    public void onConnect(HeraldSocket socket) {
        scheduleAnnounce();
    }

    @Override
    public void onDisconnect(HeraldSocket socket, String reason) {
        scheduleAnnounce();
    }

    @Override
    public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
        switch (event) {
            case "register" -> scheduleAnnounce();
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
        note.put("from", String.join(",", registry.users().keysOf(from)));
        note.put("fromSocket", from.id());
        note.put("text", String.valueOf(map.get("text")));
        Target target = ("*".equals(to) ? Target.everyone() : Target.users(to)).inApp(registry.appOf(from).id());
        int reached = registry.emit(target, NOTE, note);
        if (ack != null) ack.send(Map.of("reached", reached));
    }

    /**
     * Asks for a list: the first request after a quiet second is sent at once, the rest wait for the second to
     * end, and all requests until then share that one list (it is built when sent, so it is up to date).
     */
    private void scheduleAnnounce() {
        if (!pending.compareAndSet(false, true)) return; // the list already scheduled will show this change too
        long wait = Math.max(0, lastSent + TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS) - System.nanoTime());
        try {
            timers.schedule(this::announce, wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            pending.set(false); // Herald is closing: nobody is left to tell
        }
    }

    /** Sends the connected sockets of the default app (the first {@value #MAX_LISTED}, and how many in all). */
    private void announce() {
        lastSent = System.nanoTime();
        pending.set(false); // before the list is built: a change from now on gets a list of its own
        String app = registry.apps().defaultApp().id();
        List<Map<String, Object>> listed = new ArrayList<>();
        int total = 0;
        for (HeraldSocket s : namespace.sockets()) {
            if (!registry.appOf(s).id().equals(app)) continue;
            total++;
            if (listed.size() == MAX_LISTED) continue;
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", s.id());
            entry.put("users", List.copyOf(registry.users().keysOf(s)));
            entry.put("transport", s.transport());
            listed.add(entry);
        }
        Map<String, Object> presence = new LinkedHashMap<>();
        presence.put("total", total);
        presence.put("sockets", listed);
        registry.emit(Target.everyone(), PRESENCE, presence);
    }
}
