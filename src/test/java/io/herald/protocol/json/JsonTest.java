package io.herald.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.herald.protocol.ProtocolException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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

    @Test
    void parsesARegionWithoutReadingPastItsEnd() throws Exception {
        assertEquals(Boolean.TRUE, Json.parse("truex", 0, 4));
        assertThrows(ProtocolException.class, () -> Json.parse("[true]", 0, 4), "the region ends inside the literal");
        assertThrows(ProtocolException.class, () -> Json.parse("\"ab\"", 0, 3), "the region ends inside the string");
        assertThrows(ProtocolException.class, () -> Json.parse("123", 0, 0));
        assertEquals(12L, Json.parse("123", 0, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> Json.parse("[1]", 2, 5), "a bad region is a caller's bug");
    }

    @Test
    void integersAreLongsUntilTheyOverflowThenDoubles() throws Exception {
        assertEquals(Long.MAX_VALUE, Json.parse("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(9.223372036854775808E18, Json.parse("9223372036854775808"));
        assertEquals(-1.0E20, Json.parse("-100000000000000000000"));
        assertEquals(999999999999999999L, Json.parse("999999999999999999"));
        assertEquals(0L, Json.parse("-0"));
        assertEquals(100.0, Json.parse("1E2"), "an exponent makes a double, as the text is not an integer literal");
        assertEquals(-0.5, Json.parse("-5e-1"));
        assertEquals(1.0, Json.parse("1.0"));
        assertInstanceOf(Long.class, Json.parse("7"));
        assertEquals(Double.POSITIVE_INFINITY, Json.parse("1e400"), "out of range reads as JSON.parse reads it");
    }

    @Test
    void stringEscapesAreDecoded() throws Exception {
        assertEquals("\u00e9\ud83d\ude00", Json.parse("\"\\u00E9\\uD83D\\ude00\"")); // mixed-case hex
        assertEquals("\ud800", Json.parse("\"\\ud800\""), "a lone surrogate escape is accepted, as JavaScript does");
        assertEquals("\u0000\u001f", Json.parse("\"\\u0000\\u001F\""));
        assertEquals("\u007f\u2028", Json.parse("\"\u007f\u2028\""), "DEL and U+2028 are not control characters to JSON");
        assertEquals("x".repeat(1000) + "\n", Json.parse("\"" + "x".repeat(1000) + "\\n\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\u\u0660\u0660\u0664\u0661\"", "\"\\u\uff10\uff10\uff14\uff21\"", "\"\\u00g1\"", "\"\\U0041\"",
            "\"a\tb\"", "\"\u001f\"", "\"\\\"", "-01", "00", "1.e5", "1e+", "--1", "-a", "0x10", "[1,,2]", "{\"a\" 1}",
            "{\"a\":1 \"b\":2}", "{1:2}", "[\"a\":1]", "True", "NULL", "-Infinity", "[NaN]", "\u00a0[]", "[]\u00a0",
            "\ufeff[]", "\"\\u12", "[\"a\"}", "{\"a\":[}"})
    void rejectsMoreMalformedJson(String json) {
        assertThrows(ProtocolException.class, () -> Json.parse(json), json);
    }

    @Test
    void rejectsObjectsNestedDeeperThan128() throws Exception {
        String ok = "{\"a\":".repeat(127) + "[]" + "}".repeat(127);
        assertInstanceOf(Map.class, Json.parse(ok));
        String deep = "{\"a\":".repeat(128) + "[]" + "}".repeat(128);
        assertThrows(ProtocolException.class, () -> Json.parse(deep));
        assertThrows(ProtocolException.class, () -> Json.parse("[".repeat(100_000)), "no StackOverflowError");
    }

    @Test
    void duplicateKeysKeepTheLastValueLikeJsonParse() throws Exception {
        assertEquals(Map.of("a", 2L), Json.parse("{\"a\":1,\"a\":2}"));
    }

    private record Secret(String name, List<Object> tags) {}

    @Test
    void writesPrivateAndNestedRecordsInDeclarationOrder() {
        Secret secret = new Secret("s", List.of(new Point(1, "in"), 2));
        assertEquals("{\"name\":\"s\",\"tags\":[{\"x\":1,\"label\":\"in\"},2]}", Json.write(secret));
    }

    @Test
    void writesEveryPrimitiveArrayKind() {
        assertEquals("[[1,2],[3],[1.5,2],[true],[\"a\"],[4],[0.5]]", Json.write(new Object[] {new int[] {1, 2},
                new long[] {3}, new double[] {1.5, 2.0}, new boolean[] {true}, new char[] {'a'}, new short[] {4},
                new float[] {0.5f}}));
    }

    @Test
    void writesOtherNumbersExactly() {
        assertEquals("[12345678901234567890123,1.50,7,-3,5]", Json.write(List.of(new BigInteger("12345678901234567890123"),
                new BigDecimal("1.50"), new AtomicLong(7), (short) -3, (byte) 5)));
    }

    @Test
    void writesMapKeysWithStringValueOfAndOtherCharSequences() {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(2, new StringBuilder("sb"));
        map.put(null, 'c');
        map.put("\"k", 1);
        assertEquals("{\"2\":\"sb\",\"null\":\"c\",\"\\\"k\":1}", Json.write(map));
    }

    @Test
    void writesStringsWithRawNonAsciiAndEscapesOnlyWhatJavaScriptEscapes() {
        assertEquals("\"\u007f\u0080\u2028\u2029\uffff/<>\"", Json.write("\u007f\u0080\u2028\u2029\uffff/<>"));
        assertEquals("\"\\udc00\\ud800\ud800\udc00\\udbff\"", Json.write("\udc00\ud800\ud800\udc00\udbff"),
                "a low before a high is two lone halves; a high then a low is a pair");
        StringBuilder out = new StringBuilder("x=");
        Json.writeString("a\u0000", out);
        assertEquals("x=\"a\\u0000\"", out.toString());
    }

    @Test
    void refusesCyclesWithAClearError() {
        List<Object> cycle = new ArrayList<>();
        cycle.add(cycle);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.write(cycle));
        assertEquals("value nested deeper than 512 levels (a cycle?)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Map.of("b", new byte[1]))), "byte[] nested");
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(new Object())));
    }
}
