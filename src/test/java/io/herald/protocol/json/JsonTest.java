package io.herald.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.protocol.ProtocolException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesEveryKindOfValue() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c/\n\u00e9\ud83d\ude00");
        expected.put("i", 42L);
        expected.put("neg", -7L);
        expected.put("d", 1.5);
        expected.put("e", 1e21);
        expected.put("big", 1.2345678901234567E19);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("list", List.of(1L, List.of(), Map.of()));
        String json = " { \"s\" : \"a\\\"b\\\\c\\/\\n\\u00e9\ud83d\ude00\", \"i\":42, \"neg\":-7, \"d\":1.5, \"e\":1e21,"
                + " \"big\":12345678901234567890, \"t\":true, \"f\":false, \"n\":null, \"list\":[1,[],{}] } ";
        assertEquals(expected, Json.parse(json));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) Json.parse(json)).keySet()), "keeps key order");
    }

    @Test
    void parsesARegionOfAString() throws Exception {
        assertEquals(List.of(1L, 2L), Json.parse("xx[1,2]yy", 2, 7));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "[", "]", "{", "{\"a\"}", "{\"a\":}", "{a:1}", "[1,]", "[,1]", "01", "-", "1.", ".5",
            "1e", "+1", "NaN", "Infinity", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12\"", "\"a\nb\"", "[1] 2", "{}{}", "'a'",
            "[1 2]", "{\"a\":1,}"})
    void rejectsMalformedJson(String json) {
        assertThrows(ProtocolException.class, () -> Json.parse(json));
    }

    @Test
    void rejectsNestingDeeperThan128() throws Exception {
        Json.parse("[".repeat(128) + "]".repeat(128));
        assertThrows(ProtocolException.class, () -> Json.parse("[".repeat(129) + "]".repeat(129)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"plain|\"plain\"", "quote\"|\"quote\\\"\"", "back\\slash|\"back\\\\slash\""})
    void writesStringsLikeJavaScript(String in, String out) {
        assertEquals(out, Json.write(in));
    }

    @Test
    void writesControlCharactersAndLoneSurrogatesEscaped() {
        assertEquals("\"\\b\\f\\n\\r\\t\\u0001\\u001f\"", Json.write("\b\f\n\r\t\u0001\u001f"));
        assertEquals("\"\\ud800x\"", Json.write("\ud800x"));
        assertEquals("\"x\\udc00\"", Json.write("x\udc00"));
        assertEquals("\"\ud83d\ude00é\"", Json.write("\ud83d\ude00é"), "pairs and non-ASCII stay raw");
    }

    @Test
    void writesNumbersLikeJavaScript() {
        assertEquals("[1,1.5,-0.25,null,null,42,7]", Json.write(Arrays.asList(1.0, 1.5, -0.25, Double.NaN,
                Double.POSITIVE_INFINITY, 42L, 7)));
    }

    record Point(int x, String label) {}

    enum Color { RED }

    @Test
    void writesCollectionsArraysRecordsEnumsAndRawJson() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("list", List.of(1, "a"));
        map.put("array", new int[] {1, 2});
        map.put("objects", new Object[] {true, null});
        map.put("record", new Point(3, "p"));
        map.put("enum", Color.RED);
        map.put("raw", new RawJson("{\"pre\":[1]}"));
        map.put("char", 'c');
        assertEquals("{\"list\":[1,\"a\"],\"array\":[1,2],\"objects\":[true,null],\"record\":{\"x\":3,\"label\":\"p\"},"
                + "\"enum\":\"RED\",\"raw\":{\"pre\":[1]},\"char\":\"c\"}", Json.write(map));
    }

    @Test
    void refusesValuesItCannotWrite() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
        assertThrows(IllegalArgumentException.class, () -> Json.write(new byte[] {1}));
    }

    @Test
    void roundTrips() throws Exception {
        String json = "{\"a\":[1,2.5,\"x\",true,false,null,{\"b\":{}}],\"c\":\"\\u0000\"}";
        assertEquals(json, Json.write(Json.parse(json)));
    }

    @Test
    void rawJsonIsValidatedWhenParsed() throws Exception {
        assertEquals("[1]", RawJson.parse("[1]").json());
        assertThrows(ProtocolException.class, () -> RawJson.parse("[1"));
    }
}
