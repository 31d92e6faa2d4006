package io.herald.push;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An event a client emitted, delivered to the application as a CDI event (CleverStyle's
 * {@code WebSockets/message}): the action, its details (the event's arguments), and who sent it.
 * An observer answers through the client's acknowledgement with {@link #reply}, or refuses with
 * {@link #error}, which the client receives as an ack error or an {@code <action>:error} event.
 */
public final class ClientEvent {
    private final ClientInfo client;
    private final String action;
    private final List<Object> details;
    private final PushSocket socket;
    private final Reply reply; // null: the client asked for no answer
    private final AtomicBoolean answered = new AtomicBoolean();

    /** Sends the arguments of an answer through the client's callback. */
    @FunctionalInterface
    public interface Reply {
        /** Sends these arguments to the client's callback. */
        void send(Object... args);
    }

    /**
     * An event as Herald fires it (a test of an observer can make its own): {@code reply} answers the
     * client's callback, {@code null} when the client gave none.
     */
    public ClientEvent(ClientInfo client, String action, List<Object> details, PushSocket socket, Reply reply) {
        this.client = client;
        this.action = action;
        this.details = details;
        this.socket = socket;
        this.reply = reply;
    }

    /** Who sent it. */
    public ClientInfo client() {
        return client;
    }

    /** The event name the client emitted. */
    public String action() {
        return action;
    }

    /** The arguments the client passed after the event name. */
    public List<Object> details() {
        return details;
    }

    /** The first argument, or {@code null}. */
    public Object detail() {
        return details.isEmpty() ? null : details.get(0);
    }

    /** Whether the client passed a callback to be answered. */
    public boolean expectsReply() {
        return reply != null;
    }

    /** The socket's attributes: data the application keeps with the connection (a user's database id). */
    public Map<String, Object> attributes() {
        return socket.attributes();
    }

    /** The socket itself, for joining rooms or emitting to it. */
    public PushSocket socket() {
        return socket;
    }

    /** Answers the client's callback with these arguments; only the first answer counts. */
    public boolean reply(Object... args) {
        if (reply == null || !answered.compareAndSet(false, true)) return false;
        reply.send(args);
        return true;
    }

    /**
     * Refuses the action with {@code {code, message}} (CleverStyle's {@code compose_error}): through the
     * callback as {@code {error: {code, message}}} when the client gave one, else as {@code <action>:error}.
     */
    public void error(int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        if (reply != null) {
            if (answered.compareAndSet(false, true)) reply.send(Map.of("error", error));
        } else {
            socket.emit(action + ":error", error);
        }
    }
}
