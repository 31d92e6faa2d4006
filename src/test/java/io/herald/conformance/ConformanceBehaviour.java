package io.herald.conformance;

import io.herald.socket.Ack;
import io.herald.socket.HeraldSocket;
import io.herald.socket.SocketListener;
import java.util.List;

/**
 * What the official Socket.IO protocol test suite expects of the server on every namespace: the handshake
 * auth is emitted back as {@code auth}, {@code message} is echoed as {@code message-back}, and
 * {@code message-with-ack} is answered through the ack with the same arguments.
 */
public final class ConformanceBehaviour implements SocketListener {

    @Override
    public void onConnect(HeraldSocket socket) {
        socket.emit("auth", socket.auth());
    }

    @Override
    public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
        switch (event) {
            case "message" -> socket.emit("message-back", args.toArray());
            case "message-with-ack" -> {
                if (ack != null) ack.send(args.toArray());
            }
            default -> { }
        }
    }
}
