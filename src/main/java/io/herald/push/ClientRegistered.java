package io.herald.push;

/**
 * A client was bound to a user key (CleverStyle's {@code Client/authentication}).
 *
 * @param client who it is
 * @param user   the user key it was bound to
 */
public record ClientRegistered(ClientInfo client, String user) {}
