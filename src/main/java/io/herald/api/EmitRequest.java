package io.herald.api;

import io.herald.push.Target;
import io.herald.socket.HeraldSocket;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One emit of the JSON API, validated:
 *
 * <pre>
 * {"event": "alert", "data": {...},               // or "args": [a, b, ...] for several arguments
 *  "to": {"users": [...], "rooms": [...], "sockets": [...]}   // or {"all": true}, or {"registered": true}
 *  "except": {"users": [...], "rooms": [...], "sockets": [...]},
 *  "namespace": "/"}
 * </pre>
 *
 * {@code to} is required and must name someone: a request never turns into a broadcast by omission.
 */
public record EmitRequest(Target target, String event, Object[] args) {

    /** Validates one emit of app {@code appId}; 400 naming what is wrong. */
    public static EmitRequest parse(Object json, String appId) {
        if (!(json instanceof Map<?, ?> map)) throw ApiException.badRequest("an emit is a JSON object");
        Object event = map.get("event");
        if (!(event instanceof String name) || name.isEmpty()) throw ApiException.badRequest("missing \"event\"");
        if (HeraldSocket.isReserved(name)) throw ApiException.badRequest("\"" + name + "\" is a reserved event name");
        Object data = map.get("data");
        Object args = map.get("args");
        if (args != null && map.containsKey("data")) throw ApiException.badRequest("give \"data\" or \"args\", not both");
        Object[] arguments;
        if (args != null) {
            if (!(args instanceof List<?> list)) throw ApiException.badRequest("\"args\" must be an array");
            arguments = list.toArray();
        } else {
            arguments = map.containsKey("data") ? new Object[] {data} : new Object[0];
        }
        Target target = target(map.get("to"), map.get("except")).inApp(appId);
        Object namespace = map.get("namespace");
        if (namespace != null) {
            if (!(namespace instanceof String ns) || !ns.startsWith("/")) throw ApiException.badRequest("bad \"namespace\"");
            target = target.in(ns);
        }
        return new EmitRequest(target, name, arguments);
    }

    static Target target(Object to, Object except) {
        if (!(to instanceof Map<?, ?> include)) throw ApiException.badRequest("missing \"to\": users, rooms, sockets or all");
        Target target = Boolean.TRUE.equals(include.get("all")) ? Target.everyone()
                : Boolean.TRUE.equals(include.get("registered")) ? Target.registeredUsers() : Target.nobody();
        target = target.toUsers(keys(include, "users")).toRooms(keys(include, "rooms")).toSockets(keys(include, "sockets"));
        if (!target.all() && !target.registered() && target.users().isEmpty() && target.rooms().isEmpty() && target.sockets().isEmpty()) {
            throw ApiException.badRequest("\"to\" names nobody: give users, rooms, sockets or \"all\": true");
        }
        if (except != null) {
            if (!(except instanceof Map<?, ?> exclude)) throw ApiException.badRequest("\"except\" must be an object");
            target = target.exceptUsers(keys(exclude, "users")).exceptRooms(keys(exclude, "rooms"))
                    .exceptSockets(keys(exclude, "sockets"));
        }
        return target;
    }

    private static Collection<String> keys(Map<?, ?> map, String field) {
        Object value = map.get(field);
        if (value == null) return List.of();
        if (!(value instanceof List<?> list)) throw ApiException.badRequest("\"" + field + "\" must be an array");
        List<String> keys = new ArrayList<>(list.size());
        for (Object item : list) keys.add(key(item, field));
        return keys;
    }

    /** A user key, room or socket id: a string, or an integer taken as its text (doit pages use numbers). */
    public static String key(Object item, String field) {
        String key = item instanceof String s ? s : item instanceof Long l ? l.toString() : null;
        if (key == null || key.isEmpty() || key.length() > 256) {
            throw ApiException.badRequest("\"" + field + "\" holds strings of 1 to 256 characters");
        }
        return key;
    }
}
