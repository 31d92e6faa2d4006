package io.herald.socket;

/** Answers a client's event through its acknowledgement callback. Only the first call is sent. */
@FunctionalInterface
public interface Ack {
    void send(Object... args);
}
