package io.herald.protocol.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EngineCodecTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "OPEN|{\"sid\":\"x\"}|0{\"sid\":\"x\"}",
            "CLOSE||1",
            "PING||2",
            "PING|probe|2probe",
            "PONG||3",
            "PONG|probe|3probe",
            "MESSAGE|hello|4hello",
            "MESSAGE||4",
            "UPGRADE||5",
            "NOOP||6"})
    void textFramesBothWays(EnginePacketType type, String data, String frame) throws Exception {
        EnginePacket packet = EnginePacket.of(type, data == null ? "" : data);
        assertEquals(frame, EngineCodec.encodeTextFrame(packet));
        assertEquals(packet, EngineCodec.decodeTextFrame(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "7", "x", "b", "bAQID", "-1"})
    void malformedTextFramesAreRejected(String frame) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decodeTextFrame(frame));
    }

    @Test
    void binaryFramesAreRawInV4AndTypedInV3() throws Exception {
        byte[] data = {1, 2, 3};
        assertArrayEquals(data, EngineCodec.encodeBinaryFrame(EngineVersion.V4, data));
        assertArrayEquals(new byte[] {4, 1, 2, 3}, EngineCodec.encodeBinaryFrame(EngineVersion.V3, data));
        assertArrayEquals(data, EngineCodec.decodeBinaryFrame(EngineVersion.V4, data).binary());
        assertArrayEquals(data, EngineCodec.decodeBinaryFrame(EngineVersion.V3, new byte[] {4, 1, 2, 3}).binary());
        assertThrows(ProtocolException.class, () -> EngineCodec.decodeBinaryFrame(EngineVersion.V3, new byte[] {2, 1}));
        assertThrows(ProtocolException.class, () -> EngineCodec.decodeBinaryFrame(EngineVersion.V3, new byte[0]));
    }

    @Test
    void v4PayloadJoinsPacketsWithRecordSeparatorAndBase64sBinary() throws Exception {
        List<EnginePacket> packets = List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4}),
                EnginePacket.PING);
        String payload = "4hello\u001ebAQIDBA==\u001e2";
        assertEquals(payload, EngineCodec.encodePayloadV4(packets));
        List<EnginePacket> decoded = EngineCodec.decodePayloadV4(payload);
        assertEquals(3, decoded.size());
        assertEquals(EnginePacket.message("hello"), decoded.get(0));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, decoded.get(1).binary());
        assertEquals(EnginePacket.PING, decoded.get(2));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "4a\u001e", "\u001e4a", "b!!!", "4a\u001ex"})
    void malformedV4PayloadsAreRejected(String payload) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV4(payload));
    }

    @Test
    void v3TextPayloadCountsUtf16CodeUnits() throws Exception {
        List<EnginePacket> packets = List.of(EnginePacket.message("2[\"e\",{\"t\":\"Вя😀\"}]"), EnginePacket.PONG);
        String payload = "20:42[\"e\",{\"t\":\"Вя😀\"}]1:3";
        assertEquals(payload, EngineCodec.encodePayloadV3Text(packets));
        assertEquals(packets, EngineCodec.decodePayloadV3(payload));
    }

    @Test
    void v3TextPayloadCarriesBinaryAsB4Base64() throws Exception {
        String payload = "6:4hello10:b4AQIDBA==";
        List<EnginePacket> packets = List.of(EnginePacket.message("hello"), EnginePacket.binary(new byte[] {1, 2, 3, 4}));
        assertEquals(payload, EngineCodec.encodePayloadV3Text(packets));
        List<EnginePacket> decoded = EngineCodec.decodePayloadV3(payload);
        assertEquals(packets.get(0), decoded.get(0));
        assertArrayEquals(new byte[] {1, 2, 3, 4}, decoded.get(1).binary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5:4hi", "x:4hi", ":4hi", "2:4h1", "0:", "1:", "3:b3AQ", "99999999999:4", "2:4h2"})
    void malformedV3TextPayloadsAreRejected(String payload) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV3(payload));
    }

    @Test
    void v3BinaryPayloadMatchesTheXhr2Layout() throws Exception {
        List<EnginePacket> packets = List.of(EnginePacket.message("é"), EnginePacket.binary(new byte[] {9, 8}));
        // string packet: 0, length "3" (UTF-8 bytes of "4é"), 0xff, bytes; binary packet: 1, length "3", 0xff, 4, bytes
        byte[] expected = {0, 3, (byte) 0xff, '4', (byte) 0xc3, (byte) 0xa9, 1, 3, (byte) 0xff, 4, 9, 8};
        assertArrayEquals(expected, EngineCodec.encodePayloadV3Binary(packets));
        List<EnginePacket> decoded = EngineCodec.decodePayloadV3(expected);
        assertEquals(packets.get(0), decoded.get(0));
        assertArrayEquals(new byte[] {9, 8}, decoded.get(1).binary());
    }

    @Test
    void v3BinaryPayloadWithTwoDigitLength() throws Exception {
        String text = "4" + "x".repeat(11);
        byte[] encoded = EngineCodec.encodePayloadV3Binary(List.of(EnginePacket.message("x".repeat(11))));
        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, java.util.Arrays.copyOf(encoded, 4));
        assertEquals(text, new String(encoded, 4, encoded.length - 4, StandardCharsets.UTF_8));
    }

    @Test
    void malformedV3BinaryPayloadsAreRejected() {
        for (byte[] bad : List.of(new byte[0], new byte[] {2, 1, (byte) 0xff, '4'}, new byte[] {0, 5, (byte) 0xff, '4'},
                new byte[] {0, 1}, new byte[] {0, (byte) 0xff, '4'}, new byte[] {0, 12, (byte) 0xff, '4'},
                new byte[] {1, 2, (byte) 0xff, 3, 1})) {
            assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV3(bad));
        }
    }

    @Test
    void versionAndTypeLookups() {
        assertEquals(EngineVersion.V4, EngineVersion.fromQuery("4"));
        assertEquals(EngineVersion.V3, EngineVersion.fromQuery("3"));
        assertNull(EngineVersion.fromQuery("abc"));
        assertNull(EngineVersion.fromQuery(null));
        assertNull(EnginePacketType.fromCode('7'));
        assertEquals(EnginePacketType.NOOP, EnginePacketType.fromCode('6'));
    }

    // Fixtures below were produced by the reference parsers (engine.io-parser 2.2.1 for v3, 5.2.3 for v4)
    // from the same packets, and are checked both ways.

    /** Every packet type once. */
    private static final List<EnginePacket> ALL_TYPES = List.of(EnginePacket.of(EnginePacketType.OPEN, "{\"sid\":\"a\"}"),
            EnginePacket.CLOSE, EnginePacket.PING, EnginePacket.of(EnginePacketType.PONG, "probe"), EnginePacket.message("é"),
            EnginePacket.UPGRADE, EnginePacket.NOOP);

    /** Text with multi-byte UTF-8 and a surrogate pair, a binary packet, and lengths of one and two digits. */
    private static final List<EnginePacket> MIXED = List.of(EnginePacket.message("hello €😀"),
            EnginePacket.binary(new byte[] {0, 1, (byte) 255}), EnginePacket.of(EnginePacketType.PING, "probe"),
            EnginePacket.message("2[\"news\",{\"k\":\"vvvvvv\"}]"), EnginePacket.CLOSE);

    @Test
    void v4PayloadOfEveryTypeMatchesTheReference() throws Exception {
        String reference = "0{\"sid\":\"a\"}\u001e1\u001e2\u001e3probe\u001e4é\u001e5\u001e6";
        assertEquals(reference, EngineCodec.encodePayloadV4(ALL_TYPES));
        assertPackets(ALL_TYPES, EngineCodec.decodePayloadV4(reference));
    }

    @Test
    void v4MixedPayloadMatchesTheReference() throws Exception {
        String reference = "4hello €😀\u001ebAAH/\u001e2probe\u001e42[\"news\",{\"k\":\"vvvvvv\"}]\u001e1";
        assertEquals(reference, EngineCodec.encodePayloadV4(MIXED));
        assertPackets(MIXED, EngineCodec.decodePayloadV4(reference));
    }

    @Test
    void v3TextPayloadOfEveryTypeMatchesTheReference() throws Exception {
        String reference = "12:0{\"sid\":\"a\"}1:11:26:3probe2:4é1:51:6";
        assertEquals(reference, EngineCodec.encodePayloadV3Text(ALL_TYPES));
        assertPackets(ALL_TYPES, EngineCodec.decodePayloadV3(reference));
    }

    @Test
    void v3MixedTextPayloadMatchesTheReference() throws Exception {
        // "4hello €😀" is 10 UTF-16 code units (the emoji counts 2) but 14 UTF-8 bytes.
        String reference = "10:4hello €😀6:b4AAH/6:2probe25:42[\"news\",{\"k\":\"vvvvvv\"}]1:1";
        assertEquals(reference, EngineCodec.encodePayloadV3Text(MIXED));
        assertPackets(MIXED, EngineCodec.decodePayloadV3(reference));
    }

    @Test
    void v3BinaryPayloadOfEveryTypeMatchesTheReference() throws Exception {
        byte[] reference = bytes(0, 1, 2, 255, 48, 123, 34, 115, 105, 100, 34, 58, 34, 97, 34, 125, 0, 1, 255, 49, 0, 1, 255, 50,
                0, 6, 255, 51, 112, 114, 111, 98, 101, 0, 3, 255, 52, 195, 169, 0, 1, 255, 53, 0, 1, 255, 54);
        assertArrayEquals(reference, EngineCodec.encodePayloadV3Binary(ALL_TYPES));
        assertPackets(ALL_TYPES, EngineCodec.decodePayloadV3(reference));
    }

    @Test
    void v3MixedBinaryPayloadMatchesTheReference() throws Exception {
        // 0 = text, length digits 1 4 (UTF-8 bytes), 255, "4hello €😀"; 1 = binary, length 4 (type byte + 3), 255, 4, data; ...
        byte[] reference = bytes(0, 1, 4, 255, 52, 104, 101, 108, 108, 111, 32, 226, 130, 172, 240, 159, 152, 128,
                1, 4, 255, 4, 0, 1, 255,
                0, 6, 255, 50, 112, 114, 111, 98, 101,
                0, 2, 5, 255, 52, 50, 91, 34, 110, 101, 119, 115, 34, 44, 123, 34, 107, 34, 58, 34, 118, 118, 118, 118, 118, 118,
                34, 125, 93,
                0, 1, 255, 49);
        assertArrayEquals(reference, EngineCodec.encodePayloadV3Binary(MIXED));
        assertPackets(MIXED, EngineCodec.decodePayloadV3(reference));
    }

    @Test
    void binaryPacketsInTextFramesFromForceBase64Clients() throws Exception {
        assertArrayEquals(new byte[] {1, 2, 3}, EngineCodec.decodeTextFrame(EngineVersion.V4, "bAQID").binary());
        assertArrayEquals(new byte[] {1, 2, 3}, EngineCodec.decodeTextFrame(EngineVersion.V3, "b4AQID").binary());
        assertArrayEquals(new byte[0], EngineCodec.decodeTextFrame(EngineVersion.V4, "b").binary());
        assertEquals(EnginePacket.message("x"), EngineCodec.decodeTextFrame(EngineVersion.V3, "4x"));
        assertEquals(EnginePacket.PING, EngineCodec.decodeTextFrame(EngineVersion.V4, "2"));
        assertEquals("bAQID", EngineCodec.encodeBase64Frame(EngineVersion.V4, new byte[] {1, 2, 3}));
        assertEquals("b4AQID", EngineCodec.encodeBase64Frame(EngineVersion.V3, new byte[] {1, 2, 3}));
        for (String bad : List.of("bAQI!", "b4AQ=D", "bA")) {
            assertThrows(ProtocolException.class, () -> EngineCodec.decodeTextFrame(EngineVersion.V4, bad), bad);
        }
        for (String bad : List.of("b", "bAQID", "b2AQID", "b4A", "")) {
            assertThrows(ProtocolException.class, () -> EngineCodec.decodeTextFrame(EngineVersion.V3, bad), bad);
        }
    }

    @Test
    void textFramesKeepDataVerbatim() throws Exception {
        String data = "2[\"e\",\"\u001e:b4\ud800\"]";
        assertEquals(EnginePacket.message(data), EngineCodec.decodeTextFrame("4" + data));
        assertEquals("4" + data, EngineCodec.encodeTextFrame(EnginePacket.message(data)));
        assertThrows(IllegalArgumentException.class, () -> EngineCodec.encodeTextFrame(EnginePacket.binary(new byte[1])));
    }

    @Test
    void emptyBinaryMessagesSurviveEveryForm() throws Exception {
        List<EnginePacket> empty = List.of(EnginePacket.binary(new byte[0]), EnginePacket.message(""));
        assertEquals("b\u001e4", EngineCodec.encodePayloadV4(empty));
        assertPackets(empty, EngineCodec.decodePayloadV4("b\u001e4"));
        assertEquals("2:b41:4", EngineCodec.encodePayloadV3Text(empty));
        assertPackets(empty, EngineCodec.decodePayloadV3("2:b41:4"));
        byte[] binary = bytes(1, 1, 255, 4, 0, 1, 255, 52);
        assertArrayEquals(binary, EngineCodec.encodePayloadV3Binary(empty));
        assertPackets(empty, EngineCodec.decodePayloadV3(binary));
        assertArrayEquals(new byte[0], EngineCodec.decodeBinaryFrame(EngineVersion.V3, new byte[] {4}).binary());
        assertArrayEquals(new byte[0], EngineCodec.decodeBinaryFrame(EngineVersion.V4, new byte[0]).binary());
    }

    @Test
    void v3BinaryPayloadMayCarryBase64TextAsTheReferenceDecoderAllows() throws Exception {
        List<EnginePacket> decoded = EngineCodec.decodePayloadV3(bytes(0, 6, 255, 'b', '4', 'A', 'Q', 'I', 'D'));
        assertArrayEquals(new byte[] {1, 2, 3}, decoded.get(0).binary());
    }

    @ParameterizedTest
    @ValueSource(strings = {"6:4hello3", "6:4hello:", "3:4😀x", "2:4😀", "1:b", "2:b2", "3:b4!", "-1:4", "1 :4", " 1:4", "1:41:",
            "12345678901:4", "2147483647:4", "2147483648:4", "1:7", "0:"})
    void moreMalformedV3TextPayloadsAreRejected(String payload) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV3(payload), payload);
    }

    @ParameterizedTest
    @ValueSource(strings = {"b!", "4a\u001e\u001e4b", "\u001e", "7", "4a\u001eb4=", "bA"})
    void moreMalformedV4PayloadsAreRejected(String payload) {
        assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV4(payload), payload);
    }

    @Test
    void moreMalformedV3BinaryPayloadsAreRejected() {
        List<byte[]> bad = List.of(bytes(0), bytes(0, 255), bytes(1, 0, 255), bytes(0, 10, 255, 52), bytes(0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
                1, 1, 255, 52), bytes(0, 2, 255, 52), bytes(0, 1, 255, 55), bytes(1, 1, 255, 2), bytes(0, 1, 255, 52, 0),
                bytes(0, 1, 255, 52, 0, 1), bytes(0, 2, 255, 52, 0xc3));
        for (byte[] payload : bad) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV3(payload),
                    java.util.Arrays.toString(payload));
            assertTrue(e.getMessage().length() < 80, "a short message: " + e.getMessage());
        }
    }

    @Test
    void errorMessagesAreShortAndSayWhatIsWrong() {
        assertEquals("unknown packet type 'b'",
                assertThrows(ProtocolException.class, () -> EngineCodec.decodeTextFrame("bAQID")).getMessage());
        assertEquals("empty payload", assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV4("")).getMessage());
        assertEquals("bad base64 in binary packet",
                assertThrows(ProtocolException.class, () -> EngineCodec.decodePayloadV4("b%%")).getMessage());
        assertEquals("binary packet that is not a message",
                assertThrows(ProtocolException.class, () -> EngineCodec.decodeBinaryFrame(EngineVersion.V3, bytes(3, 1))).getMessage());
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (byte) values[i];
        return out;
    }

    /** Packets compared by value, binary content included (the record compares arrays by identity). */
    private static void assertPackets(List<EnginePacket> expected, List<EnginePacket> actual) {
        assertEquals(expected.size(), actual.size(), "packet count");
        for (int i = 0; i < expected.size(); i++) {
            EnginePacket e = expected.get(i);
            EnginePacket a = actual.get(i);
            assertEquals(e.type(), a.type(), "type of packet " + i);
            assertEquals(e.data(), a.data(), "data of packet " + i);
            assertArrayEquals(e.binary(), a.binary(), "binary of packet " + i);
        }
    }
}
