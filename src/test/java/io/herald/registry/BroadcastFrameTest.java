package io.herald.registry;

import static io.herald.testing.TestConfigs.config;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.herald.Herald;
import io.herald.engine.CloseCause;
import io.herald.engine.EngineSession;
import io.herald.push.Target;
import io.herald.engine.Handshake;
import io.herald.engine.Transport;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EngineVersion;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A broadcast is encoded once: every recipient's transport is handed the very same frame. */
class BroadcastFrameTest {
    /** Keeps the WebSocket text frames it is asked to send. */
    private static final class RecordingTransport implements Transport {
        final List<String> frames = new CopyOnWriteArrayList<>();

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

    private static RecordingTransport connect(Herald herald) {
        RecordingTransport transport = new RecordingTransport();
        EngineSession session = herald.engine().open(EngineVersion.V4, new Handshake(null, null, "127.0.0.1", 0), List.of(), s -> transport);
        session.receive(EnginePacket.message("0")); // Socket.IO CONNECT to the main namespace
        assertEquals('0', transport.last().charAt(1), "connected: " + transport.frames);
        return transport;
    }

    @Test
    void everyRecipientSendsTheSameFrame() {
        try (Herald herald = Herald.start(config())) {
            RecordingTransport a = connect(herald), b = connect(herald), c = connect(herald);
            assertEquals(3, herald.registry().to(Target.everyone()).emit("news", "hello"));
            assertEquals("42[\"news\",\"hello\"]", a.last());
            assertSame(a.last(), b.last(), "one encoding for every recipient");
            assertSame(a.last(), c.last());
        }
    }
}
