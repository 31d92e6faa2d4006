package io.herald.api.http;

import io.herald.api.ApiException;
import io.herald.api.Bodies;
import io.herald.api.EmitRequest;
import io.herald.push.RoomLimitException;
import io.herald.registry.Stats;
import io.herald.registry.SocketView;
import io.herald.Herald;
import io.herald.protocol.json.Json;
import io.herald.registry.ClusterStatus;
import io.herald.registry.Registry;
import io.herald.push.Target;
import io.herald.security.App;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API, version 1, for backends in any language. Every request is authenticated as one app
 * ({@link ApiAuth}) and acts on that app's sockets only. Errors are JSON {@code {code, message}} with the
 * matching HTTP status; an invalid batch delivers nothing.
 */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class ApiResource {
    @Context
    private ServletContext servletContext;
    @Context
    private HttpServletRequest request;

    /** Authenticates the request and reads its body. */
    private record Call(Herald herald, App app, byte[] body) {
        Registry registry() {
            return herald.registry();
        }
    }

    private Call call(InputStream in) {
        Herald herald = HeraldLookup.from(servletContext);
        byte[] body = Bodies.read(in, request.getContentLengthLong());
        App app = ApiAuth.authenticate(herald.registry().apps(), herald.replays(), herald.config().engine().trustedProxies(),
                request, body);
        return new Call(herald, app, body);
    }

    /** Sends one event: answers {@code {"delivered": <sockets reached>}}. */
    @POST
    @Path("emit")
    public String emit(InputStream in) {
        Call call = call(in);
        EmitRequest emit = EmitRequest.parse(Bodies.json(call.body()), call.app().id());
        return "{\"delivered\":" + deliver(call.registry(), emit) + "}";
    }

    /** Many emits in one request ({@code {"emits": [...]}}), all validated before any is sent. */
    @POST
    @Path("batch")
    public String batch(InputStream in) {
        Call call = call(in);
        if (!(Bodies.json(call.body()) instanceof Map<?, ?> map) || !(map.get("emits") instanceof List<?> list)) {
            throw ApiException.badRequest("a batch is {\"emits\": [...]}");
        }
        List<EmitRequest> emits = new ArrayList<>(list.size());
        for (Object item : list) emits.add(EmitRequest.parse(item, call.app().id()));
        StringBuilder out = new StringBuilder("{\"results\":[");
        for (int i = 0; i < emits.size(); i++) {
            if (i > 0) out.append(',');
            out.append("{\"delivered\":").append(deliver(call.registry(), emits.get(i))).append('}');
        }
        return out.append("]}").toString();
    }

    private static int deliver(Registry registry, EmitRequest emit) {
        try {
            return registry.emit(emit.target(), emit.event(), emit.args());
        } catch (IllegalArgumentException e) { // an unknown namespace, or data that is not JSON
            throw ApiException.badRequest(e.getMessage());
        }
    }

    /** Puts every socket of a user, now connected, in a room. */
    @PUT
    @Path("users/{key}/rooms/{room}")
    public String join(@PathParam("key") String key, @PathParam("room") String room, InputStream in) {
        return membership(key, room, in, Registry::join);
    }

    @DELETE
    @Path("users/{key}/rooms/{room}")
    public String leave(@PathParam("key") String key, @PathParam("room") String room, InputStream in) {
        return membership(key, room, in, Registry::leave);
    }

    /** A join or a leave: {@code (registry, user target, room) → sockets changed}. */
    private interface Membership {
        int apply(Registry registry, Target user, String room);
    }

    private String membership(String key, String room, InputStream in, Membership change) {
        Call call = call(in);
        try {
            return "{\"sockets\":" + change.apply(call.registry(), user(call, key), EmitRequest.key(room, "room")) + "}";
        } catch (io.herald.push.RoomLimitException e) { // the others joined; say who did not
            throw new ApiException(409, "room_limit", e.getMessage());
        }
    }

    /** Disconnects every socket of a user (each tab sees a server disconnect). */
    @POST
    @Path("users/{key}/disconnect")
    public String disconnect(@PathParam("key") String key, InputStream in) {
        Call call = call(in);
        return "{\"disconnected\":" + call.registry().disconnect(user(call, key), true) + "}";
    }

    /**
     * The sockets of a user on every node: id, namespace, transport, rooms and whether it is connected to
     * this node; {@code complete} is false when some node of the cluster did not answer in time.
     */
    @GET
    @Path("users/{key}/sockets")
    public String sockets(@PathParam("key") String key) {
        Call call = call(null); // a GET has no body: its signature covers the empty one
        List<Map<String, Object>> list = new ArrayList<>();
        boolean complete = true;
        for (var ns : call.registry().namespaces()) {
            var gathered = call.registry().socketsEverywhere(user(call, key).in(ns.name())).toCompletableFuture().join();
            complete &= gathered.complete();
            for (SocketView s : gathered.value()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("id", s.id());
                entry.put("namespace", s.namespace());
                entry.put("transport", s.transport());
                entry.put("rooms", s.rooms());
                entry.put("local", s.local());
                list.add(entry);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sockets", list);
        out.put("complete", complete);
        return Json.write(out);
    }

    /**
     * Connected sockets, distinct users and rooms of the calling app on every node, this node's own counts,
     * and the cluster's state ({@code degraded} while Redis cannot be reached: the counts are then this node's).
     */
    @GET
    @Path("stats")
    public String stats() {
        Call call = call(null);
        Registry registry = call.registry();
        var everywhere = registry.stats().everywhere(call.app().id()).toCompletableFuture().join();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("app", call.app().id());
        out.put("sockets", everywhere.value().sockets());
        out.put("users", everywhere.value().users());
        out.put("rooms", everywhere.value().rooms());
        Stats local = registry.stats().of(call.app().id());
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("sockets", local.sockets());
        node.put("users", local.users());
        node.put("rooms", local.rooms());
        out.put("node", node);
        ClusterStatus status = registry.clusterStatus();
        Map<String, Object> cluster = new LinkedHashMap<>();
        cluster.put("mode", status.mode());
        cluster.put("state", status.state());
        if (status.node() != null) cluster.put("node", status.node());
        cluster.put("complete", everywhere.complete());
        out.put("cluster", cluster);
        return Json.write(out);
    }

    private static Target user(Call call, String key) {
        return Target.users(EmitRequest.key(key, "user")).inApp(call.app().id());
    }
}
