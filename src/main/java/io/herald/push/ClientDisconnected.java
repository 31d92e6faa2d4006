package io.herald.push;

/**
 * A client left a namespace, for any reason (CleverStyle's {@code Client/disconnection}); {@code reason} is
 * socket.io's: {@code transport close}, {@code ping timeout}, {@code client namespace disconnect}, …
 *
 * @param client who it was (its users and rooms as they were)
 * @param reason why it left
 */
public record ClientDisconnected(ClientInfo client, String reason) {}
