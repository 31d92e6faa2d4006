package io.herald.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.msgpack.MsgpackWriter;
import io.herald.registry.ClusterBroadcast;
import io.herald.recovery.RecoveryEntry;
import io.herald.recovery.SessionRecovery.SavedSession;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterCodecTest {

    @Test
    void aBroadcastRoundTripsWithItsAppAndOffsetFlags() throws ProtocolException {
        ClusterBroadcast sent = new ClusterBroadcast("/admin", "shop", List.of("price", Map.of("sku", "a1", "cents", 250L), new byte[] {1, 2}),
                Set.of("app:shop:room:sale"), Set.of("app:shop:user:bob"), "1700000000000-3");
        ClusterCodec.Received received = ClusterCodec.decodeBroadcast(ClusterCodec.encodeBroadcast("herald-node1", sent));
        assertEquals("herald-node1", received.sender());
        ClusterBroadcast b = received.broadcast();
        assertEquals("/admin", b.namespace());
        assertEquals("shop", b.app());
        assertEquals("1700000000000-3", b.offset());
        assertEquals(sent.rooms(), b.rooms());
        assertEquals(sent.except(), b.except());
        assertEquals(List.of("price", Map.of("sku", "a1", "cents", 250L)), b.data().subList(0, 2));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) b.data().get(2));
    }

    /** The bytes @socket.io/redis-emitter 5 publishes for {@code emitter.to("bob").emit("hi", 1)} (notepack). */
    @Test
    void readsWhatSocketIosEmitterPublishes() throws ProtocolException {
        byte[] fromEmitter = HexFormat.of().parseHex(
                "93" + "a7656d6974746572"                                           // "emitter"
                + "83" + "a474797065" + "02" + "a464617461" + "92a2686901" + "a36e7370" + "a12f" // {type:2,data:["hi",1],nsp:"/"}
                + "83" + "a5726f6f6d73" + "91a3626f62" + "a5666c616773" + "80" + "a6657863657074" + "90"); // {rooms:["bob"],flags:{},except:[]}
        ClusterCodec.Received r = ClusterCodec.decodeBroadcast(fromEmitter);
        assertEquals("emitter", r.sender());
        assertEquals(new ClusterBroadcast("/", null, List.of("hi", 1L), Set.of("bob"), Set.of(), null), r.broadcast());
    }

    @Test
    void packetsThatAreNotEventsAreSkippedAndMalformedOnesAreTypedErrors() throws ProtocolException {
        assertNull(ClusterCodec.decodeBroadcast(MsgpackWriter.write(List.of("x", Map.of("type", 1L, "nsp", "/"), Map.of()))));
        for (Object bad : new Object[] {"text", List.of("x"), List.of("x", "packet", Map.of()),
                List.of("x", Map.of("type", 2L, "data", List.of()), Map.of()),
                List.of("x", Map.of("type", 2L, "data", List.of(7L)), Map.of())}) {
            assertThrows(ProtocolException.class, () -> ClusterCodec.decodeBroadcast(MsgpackWriter.write(bad)), String.valueOf(bad));
        }
        assertThrows(ProtocolException.class, () -> ClusterCodec.decodeBroadcast(new byte[] {(byte) 0x93, 1}));
    }

    @Test
    void requestsAreReadAsJsonOrMessagePack() throws ProtocolException {
        Map<?, ?> json = ClusterCodec.decodeObject("{\"type\":2,\"opts\":{\"rooms\":[\"a\",7]},\"rooms\":[\"b\"]}".getBytes(StandardCharsets.UTF_8));
        assertEquals(2L, json.get("type"));
        assertEquals(Set.of("a", "7"), ClusterCodec.names(((Map<?, ?>) json.get("opts")).get("rooms")));
        assertEquals(Map.of("type", 5L), ClusterCodec.decodeObject(MsgpackWriter.write(Map.of("type", 5))));
        assertThrows(ProtocolException.class, () -> ClusterCodec.decodeObject("{\"type\":".getBytes(StandardCharsets.UTF_8)));
        assertThrows(ProtocolException.class, () -> ClusterCodec.decodeObject(MsgpackWriter.write(List.of(1))));
    }

    @Test
    void recoveryEntriesAndSessionsRoundTrip() throws ProtocolException {
        RecoveryEntry entry = new RecoveryEntry(null, "shop", Set.of("app:shop:user:ann"), Set.of("s1"), List.of("ev", "data"), 1234L);
        RecoveryEntry back = RecoveryCodec.decodeEntry("1-1", RecoveryCodec.encodeEntry(entry));
        assertEquals(new RecoveryEntry("1-1", "shop", entry.include(), entry.exclude(), entry.data(), 1234L), back);
        RecoveryEntry given = new RecoveryEntry("1234-7-node", "shop", Set.of("r"), Set.of(), List.of("ev"), 1234L);
        assertEquals(given, RecoveryCodec.decodeEntry("1-2", RecoveryCodec.encodeEntry(given)), "the offset clients got, not Redis' id");

        SavedSession session = new SavedSession("pid1", "sid1", "/", Set.of("app:shop:user:ann"), Map.of("herald.app", "shop"), 99L);
        assertEquals(session, RecoveryCodec.decodeSession(RecoveryCodec.encodeSession(session)));
        assertThrows(ProtocolException.class, () -> RecoveryCodec.decodeSession(MsgpackWriter.write(Map.of("pid", "p"))));
    }
}
