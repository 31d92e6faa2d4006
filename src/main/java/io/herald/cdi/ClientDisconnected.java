package io.herald.cdi;

/**
 * A client left a namespace, for any reason (CleverStyle's {@code Client/disconnection}); {@code reason} is
 * socket.io's: {@code transport close}, {@code ping timeout}, {@code client namespace disconnect}, …
 */
public record ClientDisconnected(ClientInfo client, String reason) {}
