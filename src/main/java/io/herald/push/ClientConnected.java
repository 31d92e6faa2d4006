package io.herald.push;

/**
 * A client joined a namespace (its CONNECT was accepted).
 *
 * @param client who it is
 */
public record ClientConnected(ClientInfo client) {}
