package io.herald.protocol.websocket;

/** The WebSocket close codes Herald sends and reads (RFC 6455 section 7.4.1): the one definition of them. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    /** Never on the wire: a close frame without a code. */
    public static final int NO_STATUS = 1005;
    /** Never on the wire: the connection ended without a close frame. */
    public static final int ABNORMAL = 1006;
    public static final int NOT_UTF8 = 1007;
    public static final int POLICY_VIOLATION = 1008;
    public static final int TOO_BIG = 1009;
    public static final int UNEXPECTED_CONDITION = 1011;
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {}

    /** The codes an endpoint may send (section 7.4.1 and IANA's registry), and the private 3000-4999. */
    public static boolean isValidOnWire(int code) {
        if (code >= 3000 && code <= 4999) return true;
        return code >= 1000 && code <= 1014 && code != 1004 && code != NO_STATUS && code != ABNORMAL;
    }
}
