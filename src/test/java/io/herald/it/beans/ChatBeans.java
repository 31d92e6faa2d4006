package io.herald.it.beans;

import io.herald.push.ClientAction;
import io.herald.push.ClientConnected;
import io.herald.push.ClientDisconnected;
import io.herald.push.ClientEvent;
import io.herald.push.ClientRegistered;
import io.herald.push.Push;
import io.herald.push.PushMessage;
import io.herald.push.Target;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Application beans deployed with Herald for CdiIT: they observe client actions and push back. */
@ApplicationScoped
public class ChatBeans {
    @Inject
    Push push;
    @Inject
    Event<PushMessage> pushes;
    @Inject
    TransactionalPushes transactional;
    @Inject
    PlainPushes plain;

    void joinChat(@Observes @ClientAction("join-chat") ClientEvent e) {
        push.toSockets(e.client().socketId()).join("chatroom");
        e.reply(true);
    }

    void chat(@Observes @ClientAction("chat") ClientEvent e) {
        Map<?, ?> message = (Map<?, ?>) e.detail();
        int reached = push.toRooms("chatroom").exceptSockets(e.client().socketId())
                .emit("chat", Map.of("from", e.client().user(), "text", message.get("text")));
        e.reply("delivered", reached);
    }

    void whoami(@Observes @ClientAction("whoami") ClientEvent e) {
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("user", e.client().user());
        me.put("app", e.client().app());
        me.put("namespace", e.client().namespace());
        me.put("language", e.client().language());
        me.put("theme", e.client().cookies().get("theme"));
        me.put("hasAddress", e.client().remoteAddress() != null);
        e.reply(me);
    }

    void explode(@Observes @ClientAction("explode") ClientEvent e) {
        throw new IllegalStateException("an application bug, on purpose");
    }

    void setRole(@Observes @ClientAction("set-role") ClientEvent e) {
        e.attributes().put("role", e.detail());
        e.reply("ok");
    }

    void notifyAdmins(@Observes @ClientAction("notify-admins") ClientEvent e) {
        e.reply(push.toEveryone().filter(s -> "admin".equals(s.attribute("role"))).emit("admin-note", "for admins"));
    }

    void notifyRegistered(@Observes @ClientAction("notify-registered") ClientEvent e) {
        e.reply(push.toRegisteredUsers().emit("registered-note"));
    }

    void askUser(@Observes @ClientAction("ask-user") ClientEvent e) {
        push.toUsers((String) e.detail()).emitWithAck(Duration.ofSeconds(3), "question", "your name?")
                .thenAccept(answers -> e.socket().emit("answers", answers));
        e.reply("asked");
    }

    void refuse(@Observes @ClientAction("refuse") ClientEvent e) {
        e.error(403, "not for you");
    }

    void commit(@Observes @ClientAction("tx-commit") ClientEvent e) {
        transactional.pushAndCommit(e.client().user());
        e.reply("committed");
    }

    void rollback(@Observes @ClientAction("tx-rollback") ClientEvent e) {
        try {
            transactional.pushAndRollBack(e.client().user());
        } catch (IllegalStateException expected) {
            // the transaction rolled back, as intended
        }
        e.reply("rolled back");
    }

    void plainPush(@Observes @ClientAction("plain-push") ClientEvent e) {
        plain.push(e.client().user());
        e.reply("fired");
    }

    void async(@Observes @ClientAction("async-push") ClientEvent e) {
        pushes.fireAsync(PushMessage.of(Target.users(e.client().user()), "async-note", 1));
        e.reply("fired");
    }

    // Lifecycle events, reported to the user "watcher" so that a test client can see them.

    void connected(@Observes ClientConnected c) {
        push.toUsers("watcher").emit("lifecycle", "connected", c.client().socketId());
    }

    void registered(@Observes ClientRegistered r) {
        if (!"watcher".equals(r.user())) push.toUsers("watcher").emit("lifecycle", "registered", r.user());
    }

    void disconnected(@Observes ClientDisconnected d) {
        push.toUsers("watcher").emit("lifecycle", "disconnected", d.client().user(), d.reason());
    }
}
