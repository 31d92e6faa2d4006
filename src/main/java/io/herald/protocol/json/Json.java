package io.herald.protocol.json;

import io.herald.protocol.ProtocolException;
import java.util.Objects;

/**
 * A small, strict JSON (RFC 8259) reader and writer, so the codecs need no container types.
 *
 * <p>Values are plain Java objects: {@code Map<String,Object>} (insertion ordered, mutable), {@code List<Object>}
 * (mutable), {@code String}, {@code Long} (integers that fit) or {@code Double} (fractions, exponents, and integers
 * beyond a long), {@code Boolean} and {@code null}. Lone surrogate escapes are accepted, as JavaScript does.
 *
 * <p>The writer produces what JavaScript's {@code JSON.stringify} would for the same value: numbers in
 * JavaScript's shortest form ({@code 1.0} as {@code 1}, {@code 1e21} as {@code 1e+21}, NaN and infinities as
 * {@code null}; a {@code Float} with its own digits), strings with only {@code "}, {@code \}, control characters
 * and lone surrogates escaped. It accepts any {@code Map} (keys by {@code String.valueOf}), {@code Iterable},
 * object or primitive array, {@code Number}, {@code CharSequence}, {@code Character}, {@code Enum} (its name),
 * record (an object of its components in declaration order) and {@link RawJson} (written verbatim).
 * {@code byte[]} is refused: binary goes in Socket.IO attachments. So are other types and values nested deeper
 * than 512 levels (a cycle, most likely), with IllegalArgumentException.
 */
public final class Json {
    private Json() {}

    /** Parses one JSON text; trailing non-whitespace, depth over 128 or any syntax error throws. */
    public static Object parse(String text) throws ProtocolException {
        return parse(text, 0, text.length());
    }

    /** Parses the JSON text in {@code text} from {@code start} (inclusive) to {@code end} (exclusive). */
    public static Object parse(String text, int start, int end) throws ProtocolException {
        Objects.checkFromToIndex(start, end, text.length());
        return new JsonReader(text, start, end).readDocument();
    }

    /** Serialises {@code value}; throws IllegalArgumentException for a type it cannot write. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    /** Appends {@code value} serialised to {@code out}; see {@link #write(Object)}. */
    public static void write(Object value, StringBuilder out) {
        JsonWriter.write(value, out);
    }

    /** Appends {@code s} as a JSON string literal, quotes included. */
    public static void writeString(String s, StringBuilder out) {
        JsonWriter.writeString(s, out);
    }
}
