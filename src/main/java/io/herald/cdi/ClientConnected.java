package io.herald.cdi;

/** A client joined a namespace (its CONNECT was accepted). */
public record ClientConnected(ClientInfo client) {}
