package io.herald.engine;

/**
 * How soon a sender wants its packets written, which decides who writes them ({@link Transport#flush}).
 * A thread hand-off costs a wake-up, and one write per packet costs a system call: the first matters to a
 * client waiting for one message, the second to a broadcast's thousand.
 */
public enum Delivery {
    /** For one recipient: written at once, by the sending thread where the transport can. */
    IMMEDIATE,
    /**
     * For one of many recipients of the same packets (a fan-out): written shortly after, by the connection's
     * own thread, together with whatever else has been queued for that client by then.
     */
    BATCHED
}
