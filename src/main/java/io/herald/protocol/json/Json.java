package io.herald.protocol.json;

import io.herald.protocol.ProtocolException;

/**
 * A small, strict JSON (RFC 8259) reader and writer, so the codecs need no container types.
 *
 * <p>Values are plain Java objects: {@code Map<String,Object>} (insertion ordered), {@code List<Object>},
 * {@code String}, {@code Long} (integers that fit) or {@code Double}, {@code Boolean} and {@code null}.
 * The writer also accepts any {@code Map}, {@code Iterable}, array, {@code Number}, {@code Character},
 * {@code Enum} (its name) and {@link RawJson} (written verbatim).
 */
public final class Json {
    private Json() {}

    /** Parses one JSON text; trailing non-whitespace, depth over 128 or any syntax error throws. */
    public static Object parse(String text) throws ProtocolException {
        return parse(text, 0, text.length());
    }

    /** Parses the JSON text in {@code text} from {@code start} (inclusive) to {@code end} (exclusive). */
    public static Object parse(String text, int start, int end) throws ProtocolException {
        return new JsonReader(text, start, end).readDocument();
    }

    /** Serialises {@code value}; throws IllegalArgumentException for a type it cannot write. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static void write(Object value, StringBuilder out) {
        JsonWriter.write(value, out);
    }

    /** Appends {@code s} as a JSON string literal, quotes included. */
    public static void writeString(String s, StringBuilder out) {
        JsonWriter.writeString(s, out);
    }
}
