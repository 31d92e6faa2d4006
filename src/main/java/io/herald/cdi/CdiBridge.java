package io.herald.cdi;

import io.herald.engine.Handshake;
import io.herald.registry.UserBindings;
import io.herald.push.ClientAction;
import io.herald.push.ClientConnected;
import io.herald.push.ClientDisconnected;
import io.herald.push.ClientEvent;
import io.herald.push.ClientInfo;
import io.herald.push.ClientRegistered;
import io.herald.registry.RegisterHandler;
import io.herald.registry.Registry;
import io.herald.socket.Ack;
import io.herald.socket.HeraldSocket;
import io.herald.socket.SocketListener;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.spi.BeanManager;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns what happens on sockets into CDI events: {@link ClientEvent} (qualified with the action's
 * {@link ClientAction}), {@link ClientConnected}, {@link ClientRegistered} and {@link ClientDisconnected}.
 * Observers run on the connection's thread, one event after another, in the order the client sent them.
 * An observer that throws is logged, and the client gets a generic error instead of an answer; the socket
 * and the server carry on.
 */
final class CdiBridge implements SocketListener, UserBindings.BindingListener {
    private static final Logger LOG = Logger.getLogger(CdiBridge.class.getName());

    private final Event<Object> events;
    private final Registry registry;

    CdiBridge(BeanManager beanManager, Registry registry) {
        this.events = beanManager.getEvent();
        this.registry = registry;
    }

    private ClientInfo info(HeraldSocket socket) {
        Handshake handshake = socket.handshake();
        return ClientInfo.of(socket.id(), socket.namespace(), registry.appOf(socket).id(), registry.users().keysOf(socket),
                handshake.headers(), handshake.remoteAddress());
    }

    @Override
    public void onConnect(HeraldSocket socket) {
        ClientInfo info = info(socket);
        fire(ClientConnected.class, new ClientConnected(info));
        for (String user : info.users()) fire(ClientRegistered.class, new ClientRegistered(info, user)); // bound by CONNECT auth
    }

    @Override
    public void onBound(HeraldSocket socket, String userKey) {
        fire(ClientRegistered.class, new ClientRegistered(info(socket), userKey));
    }

    @Override
    public void onDisconnect(HeraldSocket socket, String reason) {
        fire(ClientDisconnected.class, new ClientDisconnected(info(socket), reason));
    }

    @Override
    public void onEvent(HeraldSocket socket, String event, List<Object> args, Ack ack) {
        if (RegisterHandler.EVENT.equals(event)) return; // handled by Herald, observed as ClientRegistered
        ClientEvent clientEvent = new ClientEvent(info(socket), event, args, socket, ack == null ? null : ack::send);
        try {
            events.select(ClientEvent.class, ClientAction.Literal.of(event)).fire(clientEvent);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of client action '" + event + "' failed", e);
            clientEvent.error(500, "The server could not handle '" + event + "'");
        }
    }

    private <T> void fire(Class<T> type, T event) {
        try {
            events.select(type).fire(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "an observer of " + type.getSimpleName() + " failed", e);
        }
    }
}
