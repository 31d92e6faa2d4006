package io.herald.cdi;

/** A client was bound to a user key (CleverStyle's {@code Client/authentication}). */
public record ClientRegistered(ClientInfo client, String user) {}
