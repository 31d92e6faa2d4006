package io.herald.engine.websocket;

import io.herald.engine.CloseCause;

/** The WebSocket close codes Herald sends and reads (RFC 6455 section 7.4.1). */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int UNEXPECTED_CONDITION = 1011;
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}

    /** The code that tells the client why Herald closed its session. */
    static int of(CloseCause cause) {
        return switch (cause) {
            case TOO_LARGE -> TOO_BIG;
            case PARSE_ERROR -> PROTOCOL_ERROR;
            case SLOW_CLIENT -> POLICY_VIOLATION;
            case SERVER_SHUTDOWN -> GOING_AWAY;
            case TRANSPORT_ERROR -> UNEXPECTED_CONDITION;
            default -> NORMAL;
        };
    }
}
