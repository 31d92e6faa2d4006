package io.herald.protocol.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.ProtocolException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SocketCodecTest {

    static Stream<Arguments> textPackets() {
        return Stream.of(
                Arguments.of(SocketPacket.connect("/", null), "0"),
                Arguments.of(SocketPacket.connect("/admin", null), "0/admin,"),
                Arguments.of(SocketPacket.connect("/", Map.of("token", "123")), "0{\"token\":\"123\"}"),
                Arguments.of(SocketPacket.connect("/admin", Map.of("sid", "oSO0")), "0/admin,{\"sid\":\"oSO0\"}"),
                Arguments.of(SocketPacket.disconnect("/"), "1"),
                Arguments.of(SocketPacket.disconnect("/admin"), "1/admin,"),
                Arguments.of(SocketPacket.event("/", List.of("hello", 1L), SocketPacket.NO_ACK), "2[\"hello\",1]"),
                Arguments.of(SocketPacket.event("/admin", List.of("project:delete", 123L), 456), "2/admin,456[\"project:delete\",123]"),
                Arguments.of(SocketPacket.ack("/", List.of(), 0), "30[]"),
                Arguments.of(SocketPacket.ack("/admin", List.of("ok"), 456), "3/admin,456[\"ok\"]"),
                Arguments.of(SocketPacket.connectError("/", Map.of("message", "Not authorized")), "4{\"message\":\"Not authorized\"}"),
                Arguments.of(SocketPacket.connectError("/x", "Invalid namespace"), "4/x,\"Invalid namespace\""));
    }

    @ParameterizedTest
    @MethodSource("textPackets")
    void textPacketsBothWays(SocketPacket packet, String wire) throws Exception {
        EncodedPacket encoded = SocketEncoder.encode(packet);
        assertEquals(wire, encoded.text());
        assertFalse(encoded.hasAttachments());
        assertEquals(packet, new SocketDecoder(10).decode(wire));
    }

    @Test
    void namespaceWithoutTrailingCommaDecodes() throws Exception {
        SocketPacket packet = new SocketDecoder(10).decode("0/admin");
        assertEquals("/admin", packet.namespace());
        assertNull(packet.data());
        assertEquals("/custom", new SocketDecoder(10).decode("1/custom").namespace());
    }

    @Test
    void binaryEventGetsPlaceholdersAndAttachmentsInDepthFirstOrder() throws Exception {
        byte[] a = {1, 2, 3};
        byte[] b = {4, 5, 6};
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("first", a);
        nested.put("more", List.of("x", b));
        SocketPacket packet = SocketPacket.event("/", List.of("upload", nested), SocketPacket.NO_ACK);
        EncodedPacket encoded = SocketEncoder.encode(packet);
        assertEquals("52-[\"upload\",{\"first\":{\"_placeholder\":true,\"num\":0},"
                + "\"more\":[\"x\",{\"_placeholder\":true,\"num\":1}]}]", encoded.text());
        assertEquals(2, encoded.attachments().size());
        assertArrayEquals(a, encoded.attachments().get(0));
        assertArrayEquals(b, encoded.attachments().get(1));

        SocketDecoder decoder = new SocketDecoder(10);
        assertNull(decoder.decode(encoded.text()));
        assertTrue(decoder.awaitingAttachments());
        assertNull(decoder.decodeAttachment(a));
        SocketPacket decoded = decoder.decodeAttachment(b);
        assertFalse(decoder.awaitingAttachments());
        assertEquals(SocketPacketType.BINARY_EVENT, decoded.type());
        Map<?, ?> data = (Map<?, ?>) decoded.args().get(1);
        assertArrayEquals(a, (byte[]) data.get("first"));
        assertArrayEquals(b, (byte[]) ((List<?>) data.get("more")).get(1));
    }

    @Test
    void binaryAckWithNamespaceAndId() throws Exception {
        EncodedPacket encoded = SocketEncoder.encode(SocketPacket.ack("/admin", List.of(new byte[] {7}), 789));
        assertEquals("61-/admin,789[{\"_placeholder\":true,\"num\":0}]", encoded.text());
        SocketDecoder decoder = new SocketDecoder(10);
        assertNull(decoder.decode(encoded.text()));
        SocketPacket decoded = decoder.decodeAttachment(new byte[] {7});
        assertEquals(SocketPacketType.BINARY_ACK, decoded.type());
        assertEquals("/admin", decoded.namespace());
        assertEquals(789, decoded.ackId());
        assertArrayEquals(new byte[] {7}, (byte[]) decoded.args().get(0));
    }

    @Test
    void eventsMayBeNamedByNumbersAndAckIdsReachTheSafeIntegerLimit() throws Exception {
        assertEquals("1", new SocketDecoder(10).decode("2[1,\"a\"]").eventName());
        assertEquals(9007199254740991L, new SocketDecoder(10).decode("39007199254740991[]").ackId());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "", "abc", "7[]", "9", "2{}", "2abc[\"a\"]", "2[\"a\"", "2[]", "2[{}]", "2\"str\"",
            "29007199254740992[\"a\"]", "212345678901234567[\"a\"]",
            "2[\"connect\"]", "2[\"disconnect\"]", "2[\"connect_error\"]", "2[\"disconnecting\"]",
            "2[\"newListener\"]", "2[\"removeListener\"]",
            "0[1]", "0\"x\"", "1{}", "1[]", "4", "4[]", "4abc", "3{}",
            "5[\"a\"]", "5-[\"a\"]", "5x-[\"a\"]", "51[\"a\"]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":1}]",
            "52-[\"a\",{\"_placeholder\":true,\"num\":0}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":0}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":-1}]",
            "511-[\"a\"]"})
    void malformedPacketsAreRejected(String wire) {
        assertThrows(ProtocolException.class, () -> new SocketDecoder(10).decode(wire));
    }

    @Test
    void attachmentsOutOfTurnAreRejected() throws Exception {
        assertThrows(ProtocolException.class, () -> new SocketDecoder(10).decodeAttachment(new byte[] {1}));
        SocketDecoder decoder = new SocketDecoder(10);
        decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]");
        assertThrows(ProtocolException.class, () -> decoder.decode("2[\"b\"]"), "text while an attachment is awaited");
    }

    @Test
    void attachmentLimitIsEnforced() throws Exception {
        String two = "52-[\"a\",{\"_placeholder\":true,\"num\":0},{\"_placeholder\":true,\"num\":1}]";
        assertNull(new SocketDecoder(2).decode(two));
        assertThrows(ProtocolException.class, () -> new SocketDecoder(1).decode(two));
    }

    @Test
    void binaryPacketWithZeroAttachmentsIsCompleteAtOnce() throws Exception {
        SocketPacket packet = new SocketDecoder(10).decode("50-[\"a\"]");
        assertEquals(SocketPacketType.BINARY_EVENT, packet.type());
        assertEquals(List.of("a"), packet.args());
    }

    @Test
    void encoderTurnsBinaryFreeBinaryTypesIntoPlainOnes() {
        SocketPacket echoed = new SocketPacket(SocketPacketType.BINARY_EVENT, "/", List.of("a", 1L), SocketPacket.NO_ACK);
        assertEquals("2[\"a\",1]", SocketEncoder.encode(echoed).text());
    }
}
