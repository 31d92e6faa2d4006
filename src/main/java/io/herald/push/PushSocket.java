package io.herald.push;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * A client's connection to one namespace, as an application sees it (socket.io's server-side {@code Socket}):
 * what {@link Broadcast#filter} tests, {@link Broadcast#sockets} lists and {@link ClientEvent#socket} gives.
 * Herald implements it; its methods are safe to call from any thread.
 */
public interface PushSocket {

    /** The socket's id, which is also the name of a room only it is in. */
    String id();

    /** The namespace it joined ({@code "/"} for the main one). */
    String namespace();

    /** The Engine.IO session id shared by every namespace socket of this client. */
    String connectionId();

    /** The transport it uses now: {@code "polling"} or {@code "websocket"}. */
    String transport();

    /** Whether it is still in its namespace. */
    boolean isConnected();

    /** The first value of a header its client sent when it connected (case-insensitive name), or {@code null}. */
    String header(String name);

    /** The first value of a query parameter of its connection's URL, or {@code null}. */
    String queryParam(String name);

    /** The client's address when it connected, or {@code null} when the container did not tell. */
    String remoteAddress();

    /** The client's CONNECT auth payload ({@code io(url, {auth: …})}), empty when none. */
    Map<String, Object> auth();

    /** Application data kept with the socket (for example the user's database id); modifiable. */
    Map<String, Object> attributes();

    /** One of its {@link #attributes}, or {@code null}. */
    <T> T attribute(String name);

    /** The rooms it is in (including its own id); after it disconnected, the rooms it was in. */
    Set<String> rooms();

    /** Adds it to a room; ignored once it has disconnected. */
    void join(String room);

    /** Takes it out of a room (never out of its own); ignored once it has disconnected. */
    void leave(String room);

    /** Sends it an event. Returns false when it is no longer connected. */
    boolean emit(String event, Object... args);

    /**
     * Sends it an event and waits for the client's acknowledgement. The stage completes with the arguments the
     * client passed to its callback, or fails with a {@link java.util.concurrent.TimeoutException} after
     * {@code timeout}, or with an {@link IllegalStateException} if the socket disconnects first.
     */
    CompletionStage<List<Object>> emitWithAck(Duration timeout, String event, Object... args);

    /**
     * Disconnects it from its namespace (the client receives DISCONNECT). With {@code close}, the whole
     * connection closes, taking the client's other namespaces with it.
     */
    void disconnect(boolean close);
}
