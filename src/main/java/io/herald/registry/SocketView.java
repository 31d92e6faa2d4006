package io.herald.registry;

import java.util.Set;

/**
 * A socket as the API lists it.
 *
 * @param rooms the app rooms it is in
 * @param users the user keys it is bound to
 * @param local whether it is connected to this node
 */
public record SocketView(String id, String namespace, String transport, Set<String> rooms, Set<String> users, boolean local) {}
