package io.herald.protocol.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
