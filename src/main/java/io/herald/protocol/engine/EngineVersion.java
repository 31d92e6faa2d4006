package io.herald.protocol.engine;

/** The Engine.IO protocol revision a client speaks, from the {@code EIO} query parameter. */
public enum EngineVersion {
    /** socket.io-client 1.x and 2.x. */
    V3,
    /** socket.io-client 3.x and later. */
    V4;

    /** Maps the {@code EIO} query value; {@code null} when missing or unknown. */
    public static EngineVersion fromQuery(String eio) {
        if ("4".equals(eio)) return V4;
        if ("3".equals(eio)) return V3;
        return null;
    }
}
