package io.herald.protocol.socket;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.engine.EngineCodec;
import io.herald.protocol.engine.EnginePacket;
import io.herald.protocol.engine.EnginePacketType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
    void binaryPacketWithZeroAttachmentsIsRefusedAsSocketIoParserDoes() {
        assertEquals("binary packet without attachments", message("50-[\"a\"]"));
        assertEquals("binary packet without attachments", message("600-[]"));
    }

    @Test
    void encoderTurnsBinaryFreeBinaryTypesIntoPlainOnes() {
        SocketPacket echoed = new SocketPacket(SocketPacketType.BINARY_EVENT, "/", List.of("a", 1L), SocketPacket.NO_ACK);
        assertEquals("2[\"a\",1]", SocketEncoder.encode(echoed).text());
    }

    // Wire texts below were produced by socket.io-parser 4.2.7's Encoder from the same data.

    @Test
    void nestedAttachmentsAreNumberedDepthFirstAsTheReferenceDoes() throws Exception {
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("first", new byte[] {1, 2});
        second.put("more", List.of("x", new byte[] {3}, Map.of("deep", List.of(new byte[] {4, 5}))));
        List<Object> args = List.of("upload", second, new byte[] {6});
        EncodedPacket encoded = SocketEncoder.encode(SocketPacket.event("/", args, SocketPacket.NO_ACK));
        assertEquals("54-[\"upload\",{\"first\":{\"_placeholder\":true,\"num\":0},\"more\":[\"x\",{\"_placeholder\":true,"
                + "\"num\":1},{\"deep\":[{\"_placeholder\":true,\"num\":2}]}]},{\"_placeholder\":true,\"num\":3}]", encoded.text());
        assertEquals(List.of("[1, 2]", "[3]", "[4, 5]", "[6]"), encoded.attachments().stream().map(Arrays::toString).toList());

        SocketPacket decoded = decodeAll(new SocketDecoder(10), encoded);
        assertEquals(SocketPacketType.BINARY_EVENT, decoded.type());
        assertEquals(comparable(args), comparable(decoded.data()), "the round trip gives the same data back");
    }

    record Upload(String name, byte[] content) {}

    @Test
    void recordsAndArraysAndSetsCarryingBinaryBecomeObjectsAndListsWithPlaceholders() throws Exception {
        List<Object> args = List.of("file", new Upload("a.txt", new byte[] {1, 2}), new Object[] {new byte[] {3}, "x"});
        EncodedPacket encoded = SocketEncoder.encode(SocketPacket.event("/", args, SocketPacket.NO_ACK));
        assertEquals("52-[\"file\",{\"name\":\"a.txt\",\"content\":{\"_placeholder\":true,\"num\":0}},"
                + "[{\"_placeholder\":true,\"num\":1},\"x\"]]", encoded.text());
        assertEquals(List.of("[1, 2]", "[3]"), encoded.attachments().stream().map(Arrays::toString).toList());

        EncodedPacket set = SocketEncoder.encode(SocketPacket.ack("/", List.of(new LinkedHashSet<>(List.of(new byte[] {9}))), 1));
        assertEquals("61-1[[{\"_placeholder\":true,\"num\":0}]]", set.text());
        assertEquals("[{\"name\":\"b\",\"content\":null}]", SocketEncoder.encode(SocketPacket.ack("/", List.of(new Upload("b", null)), 2))
                .text().substring(2), "a record without binary stays a plain ack");
    }

    @Test
    void moreTextPacketsMatchTheReference() throws Exception {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("token", "x");
        auth.put("n", List.of(1L, 2L));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", "Not authorized");
        error.put("data", Map.of("code", 401L));
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("n", -1.5e-7);
        extra.put("big", 9007199254740992L);
        List<Object[]> table = List.of(
                new Object[] {SocketPacket.connect("/admin", auth), "0/admin,{\"token\":\"x\",\"n\":[1,2]}"},
                new Object[] {SocketPacket.connectError("/admin", error), "4/admin,{\"message\":\"Not authorized\",\"data\":{\"code\":401}}"},
                new Object[] {SocketPacket.event("/", List.of("uni", "é😀\u2028", extra), SocketPacket.NO_ACK),
                        "2[\"uni\",\"é😀\u2028\",{\"n\":-1.5e-7,\"big\":9007199254740992}]"},
                new Object[] {SocketPacket.event("/chat", List.of("msg", Map.of("a", Arrays.asList(1L, null, true))), 12),
                        "2/chat,12[\"msg\",{\"a\":[1,null,true]}]"});
        for (Object[] row : table) {
            SocketPacket packet = (SocketPacket) row[0];
            assertEquals(row[1], SocketEncoder.encode(packet).text());
            assertEquals(packet, new SocketDecoder(10).decode((String) row[1]));
        }
    }

    @Test
    void theDecoderReadsTheEngineMessageWithoutItsLeadingFour() throws Exception {
        EnginePacket message = EngineCodec.decodeTextFrame("42[\"hello\",1]");
        assertEquals(EnginePacketType.MESSAGE, message.type());
        assertEquals("2[\"hello\",1]", message.data());
        SocketPacket packet = new SocketDecoder(10).decode(message.data());
        assertEquals("hello", packet.eventName());
        assertEquals(List.of("hello", 1L), packet.args());
    }

    @Test
    void wireDetailsTheReferenceAlsoAccepts() throws Exception {
        assertEquals(7, new SocketDecoder(10).decode("2007[\"a\"]").ackId(), "leading zeros in an ack id");
        assertEquals("/", new SocketDecoder(10).decode("2/,[\"a\"]").namespace());
        assertEquals("/admin?token=abc", new SocketDecoder(10).decode("0/admin?token=abc,").namespace(),
                "socket.io-client 2.x appends its query to the CONNECT namespace; the caller strips it");
        assertEquals(List.of("a", Map.of("_placeholder", true, "num", 0L)),
                new SocketDecoder(10).decode("2[\"a\",{\"_placeholder\":true,\"num\":0}]").args(),
                "placeholders mean nothing in a non-binary packet");
        SocketDecoder decoder = new SocketDecoder(10);
        assertNull(decoder.decode("51-[\"a\",{\"_placeholder\":false,\"num\":0},{\"_placeholder\":true,\"num\":0}]"));
        byte[] attachment = {1};
        assertEquals(List.of("a", Map.of("_placeholder", false, "num", 0L), attachment), decoder.decodeAttachment(attachment).args(),
                "only \"_placeholder\": true marks a placeholder");
        assertEquals("0", new SocketDecoder(10).decode("2[0]").eventName(), "a numeric event name");
        assertEquals(List.of(), new SocketDecoder(10).decode("3/admin,5[]").args());
        assertEquals(List.of("a"), new SocketDecoder(10).decode("2 [\"a\"]\n").args(), "JSON whitespace, as JSON.parse allows");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "51-[\"a\",{\"_placeholder\":true,\"num\":\"0\"}]", "51-[\"a\",{\"_placeholder\":true}]",
            "51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]", "51-[\"a\",{\"_placeholder\":true,\"num\":null}]",
            "61-[{\"x\":[{\"_placeholder\":true,\"num\":1}]}]", "60-[{\"_placeholder\":true,\"num\":0}]",
            "51-[\"a\"]", "5-1-[\"a\"]", "51-/admin[\"a\"]", "51000000-[\"a\"]", "6", "61-", "6[]",
            "29999999999999999[\"a\"]", "299999999999999999[\"a\"]", "2/admin,x[\"a\"]",
            "2[\"a\"]x", "2[\"a\",]", "2[\"\\x\"]", "3", "3\"x\"", "3/admin,1{}", "0/admin,[]", "0/admin,null", "0null", "1null", "0 ",
            "1/admin,{}", "1x", "4/admin,", "4/admin,1", "4null", "4[\"x\"]", "2[null]", "2[true]", "2[[\"a\"]]", "2[{\"a\":1}]",
            "\u0662[\"a\"]", "-1", "8", "2\u001e[\"a\"]"})
    void moreMalformedPacketsAreRejected(String wire) {
        assertThrows(ProtocolException.class, () -> new SocketDecoder(10).decode(wire), wire);
    }

    @Test
    void errorMessagesAreShortAndSayWhatIsWrong() {
        assertEquals("invalid payload for EVENT", message("2[\"disconnect\"]"));
        assertEquals("unknown packet type '7'", message("7"));
        assertEquals("ack id beyond 2^53-1", message("29007199254740992[\"a\"]"));
        assertEquals("11 attachments, more than the limit of 10", message("511-[\"a\"]"));
        assertEquals("binary packet announces 2 attachments but references 1",
                message("52-[\"a\",{\"_placeholder\":true,\"num\":0}]"));
        assertEquals("invalid attachment placeholder 0.5", message("51-[\"a\",{\"_placeholder\":true,\"num\":0.5}]"));
        assertTrue(message("2[\"a\"").startsWith("invalid JSON: "));
    }

    @Test
    void theDecoderCarriesOnAfterABinaryPacketCompletes() throws Exception {
        SocketDecoder decoder = new SocketDecoder(10);
        assertNull(decoder.decode("51-[\"a\",{\"_placeholder\":true,\"num\":0}]"));
        assertThrows(ProtocolException.class, () -> decoder.decode("2[\"b\"]"));
        assertTrue(decoder.awaitingAttachments(), "the refused text does not drop the awaited packet");
        byte[] attachment = {42};
        SocketPacket done = decoder.decodeAttachment(attachment);
        assertEquals(List.of("a", attachment), done.args());
        assertThrows(ProtocolException.class, () -> decoder.decodeAttachment(new byte[] {1}));
        assertEquals(List.of("b"), decoder.decode("2[\"b\"]").args());
        assertFalse(decoder.awaitingAttachments());
    }

    @Test
    void anAckWithBinaryRoundTripsAndKeepsItsId() throws Exception {
        List<Object> args = new ArrayList<>(List.of("ok", Map.of("blob", new byte[] {-1, 0, 1})));
        EncodedPacket encoded = SocketEncoder.encode(SocketPacket.ack("/room", args, 9007199254740991L));
        assertEquals("61-/room,9007199254740991[\"ok\",{\"blob\":{\"_placeholder\":true,\"num\":0}}]", encoded.text());
        SocketPacket decoded = decodeAll(new SocketDecoder(1), encoded);
        assertEquals(SocketPacketType.BINARY_ACK, decoded.type());
        assertEquals(9007199254740991L, decoded.ackId());
        assertEquals("/room", decoded.namespace());
        assertEquals(comparable(args), comparable(decoded.data()));
    }

    private static String message(String wire) {
        return assertThrows(ProtocolException.class, () -> new SocketDecoder(10).decode(wire)).getMessage();
    }

    private static SocketPacket decodeAll(SocketDecoder decoder, EncodedPacket encoded) throws ProtocolException {
        SocketPacket packet = decoder.decode(encoded.text());
        for (byte[] attachment : encoded.attachments()) {
            assertNull(packet, "complete before its last attachment");
            packet = decoder.decodeAttachment(attachment);
        }
        return packet;
    }

    /** The data with every byte[] as a List of its bytes and Longs for ints, so equals compares content. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            List<Byte> list = new ArrayList<>();
            for (byte b : bytes) list.add(b);
            return list;
        }
        if (value instanceof List<?> list) return list.stream().map(SocketCodecTest::comparable).toList();
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, comparable(v)));
            return copy;
        }
        if (value instanceof Integer i) return i.longValue();
        return value;
    }
}
