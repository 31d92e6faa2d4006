package io.herald.protocol.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.herald.protocol.ProtocolException;
import io.herald.protocol.json.RawJson;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MsgpackTest {
    private static String hex(Object value) {
        return HexFormat.of().formatHex(MsgpackWriter.write(value));
    }

    private static Object read(String hex) throws ProtocolException {
        return MsgpackReader.read(HexFormat.of().parseHex(hex));
    }

    @Test
    void integersTakeTheirSmallestForm() {
        assertEquals("00", hex(0));
        assertEquals("7f", hex(127));
        assertEquals("cc80", hex(128));
        assertEquals("cd0100", hex(256));
        assertEquals("ce00010000", hex(65536));
        assertEquals("cf0000000100000000", hex(1L << 32));
        assertEquals("ff", hex(-1));
        assertEquals("e0", hex(-32));
        assertEquals("d0df", hex(-33));
        assertEquals("d1ff7f", hex(-129));
        assertEquals("d2ffff7fff", hex(-32769));
        assertEquals("d3fffffffeffffffff", hex(-(1L << 32) - 1));
    }

    @Test
    void wholeDoublesAreIntegersAsInJavaScriptEncoders() {
        assertEquals("03", hex(3.0));
        assertEquals("cb3ff8000000000000", hex(1.5));
        assertEquals("cb8000000000000000", hex(-0.0)); // -0 keeps its sign
    }

    @Test
    void stringsBinaryMapsAndArrays() throws ProtocolException {
        assertEquals("a3616263", hex("abc"));
        assertEquals("d920" + "61".repeat(32), hex("a".repeat(32)));
        assertEquals("c403010203", hex(new byte[] {1, 2, 3}));
        assertEquals("c0", hex(null));
        assertEquals("c3", hex(true));
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("rooms", List.of("a"));
        map.put("flags", Map.of());
        assertEquals("82a5726f6f6d7391a161a5666c61677380", hex(map));
        assertEquals(map, read("82a5726f6f6d7391a161a5666c61677380"));
    }

    @Test
    void roundTripsEveryWidth() throws ProtocolException {
        for (long v : new long[] {0, 1, 127, 128, 255, 256, 65535, 65536, 4294967295L, 4294967296L, Long.MAX_VALUE,
                -1, -32, -33, -128, -129, -32768, -32769, Integer.MIN_VALUE, Integer.MIN_VALUE - 1L, Long.MIN_VALUE}) {
            assertEquals(v, MsgpackReader.read(MsgpackWriter.write(v)), "value " + v);
        }
        String big = "é".repeat(40_000);
        assertEquals(big, MsgpackReader.read(MsgpackWriter.write(big)));
        byte[] blob = new byte[70_000];
        Arrays.fill(blob, (byte) 7);
        assertArrayEquals(blob, (byte[]) MsgpackReader.read(MsgpackWriter.write(blob)));
        List<Object> many = java.util.Collections.nCopies(70_000, 1L);
        assertEquals(many, MsgpackReader.read(MsgpackWriter.write(many)));
    }

    @Test
    void otherJsonValuesAreWrittenAsTheirJson() throws ProtocolException {
        record Point(int x, int y) {}
        assertEquals(Map.of("x", 1L, "y", 2L), MsgpackReader.read(MsgpackWriter.write(new Point(1, 2))));
        assertEquals(List.of(1L, Map.of("a", true)), MsgpackReader.read(MsgpackWriter.write(new RawJson("[1,{\"a\":true}]"))));
        assertThrows(IllegalArgumentException.class, () -> MsgpackWriter.write(new Object()));
    }

    @Test
    void readsFloat32AndSkipsExtensions() throws ProtocolException {
        assertEquals(1.5, read("ca3fc00000"));
        assertNull(read("d40000")); // notepack's undefined
        assertEquals(List.of(1L), read("91" + "01"));
        assertEquals(Double.parseDouble("18446744073709551615"), read("cfffffffffffffffff"));
    }

    @Test
    void malformedInputIsATypedError() {
        for (String bad : new String[] {"", "a36162", "92", "c1", "dd7fffffff", "dbffffffff", "c4ff00", "a2c328", "0101",
                "81c0c0", "8191c0c0"}) {
            ProtocolException e = assertThrows(ProtocolException.class, () -> read(bad), bad);
            assertTrue(e.getMessage().contains("MessagePack"), e.getMessage());
        }
    }

    @Test
    void deepNestingIsRefused() {
        assertThrows(ProtocolException.class, () -> read("91".repeat(200) + "c0"));
    }
}
