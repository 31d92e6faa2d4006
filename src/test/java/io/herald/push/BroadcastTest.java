package io.herald.push;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.Herald;
import io.herald.engine.CloseCause;
import io.herald.engine.EngineSession;
import io.herald.engine.Handshake;
import io.herald.engine.Transport;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The broadcast operator as an application uses it, through {@link Push} alone (here without CDI:
 * {@code herald.registry()::to}): a filter over {@link PushSocket}s narrows emits, joins and disconnects, and
 * {@code emitWithAck} gathers the answers. Clients are in-memory Engine.IO sessions.
 */
class BroadcastTest {
    /** Keeps the WebSocket text frames it is asked to send. */
    private static final class Client implements Transport {
        final List<String> frames = new CopyOnWriteArrayList<>();
        EngineSession session;

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public void send(List<EnginePacket> packets) {
            for (EnginePacket p : packets) frames.add(EngineCodec.encodeTextFrame(p));
        }

        @Override
        public void close(CloseCause cause, boolean flush) {}

        String last() {
            return frames.get(frames.size() - 1);
        }
    }

    private static Client connect(Herald herald) {
        Client client = new Client();
        client.session = herald.engine().open(EngineVersion.V4,
                new Handshake(Map.of("user-agent", List.of("test")), Map.of("v", List.of("2")), "127.0.0.1", 0),
                List.of(), s -> client);
        client.session.receive(EnginePacket.message("0")); // Socket.IO CONNECT to the main namespace
        assertEquals('0', client.last().charAt(1), "connected: " + client.frames);
        return client;
    }

    /** The socket of a client, as the application sees it. */
    private static PushSocket socketOf(Push push, Client client) {
        String sid = client.last().substring(client.last().indexOf("\"sid\":\"") + 7).split("\"")[0];
        return push.toSockets(sid).sockets().get(0);
    }

    @Test
    void aFilterNarrowsJoinsAndDisconnects() {
        try (Herald herald = Herald.start(config())) {
            Push push = herald.registry()::to;
            Client admin = connect(herald), other = connect(herald), third = connect(herald);
            socketOf(push, admin).attributes().put("role", "admin");
            Broadcast admins = push.toEveryone().filter(s -> "admin".equals(s.attribute("role")));

            assertEquals(1, admins.join("admins"), "only the admin joins");
            assertEquals(1, push.toRooms("admins").emit("note", "for admins"));
            assertEquals("42[\"note\",\"for admins\"]", admin.last());
            assertFalse(other.last().contains("note"));

            assertEquals(1, admins.leave("admins"));
            assertEquals(0, push.toRooms("admins").emit("note", "again"), "nobody is in the room after leaving");

            assertEquals(1, push.toEveryone().filter(s -> s.id().equals(socketOf(push, third).id())).disconnect(false));
            assertEquals("41", third.last(), "the filtered socket got DISCONNECT");
            assertEquals(2, push.toEveryone().emit("news"), "the others stay");
        }
    }

    @Test
    void aSocketShowsItsHandshakeWithoutInternalTypes() {
        try (Herald herald = Herald.start(config())) {
            Push push = herald.registry()::to;
            PushSocket socket = socketOf(push, connect(herald));
            assertEquals("test", socket.header("User-Agent"));
            assertEquals("2", socket.queryParam("v"));
            assertEquals("127.0.0.1", socket.remoteAddress());
            assertEquals("/", socket.namespace());
            assertTrue(socket.isConnected());
        }
    }

    @Test
    void emitWithAckGathersTheAnswersOfTheSocketsThatAnswer() throws Exception {
        try (Herald herald = Herald.start(config())) {
            Push push = herald.registry()::to;
            Client answers = connect(herald), silent = connect(herald);
            var stage = push.toEveryone().emitWithAck(Duration.ofMillis(500), "question", "your name?")
                    .toCompletableFuture();
            String asked = answers.last();
            assertTrue(asked.matches("42\\d+\\[\"question\",\"your name\\?\"]"), asked);
            String ackId = asked.substring(2, asked.indexOf('['));
            answers.session.receive(EnginePacket.message("3" + ackId + "[\"alice\"]"));
            assertEquals(List.of(List.of("alice")), stage.get(5, TimeUnit.SECONDS), "the silent socket is left out");
            assertTrue(silent.last().contains("question"), "the silent one was asked too");
        }
    }
}
