package io.herald.protocol.json;

import io.herald.protocol.ProtocolException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict recursive-descent RFC 8259 parser over a region of a string. One instance per parse. */
final class JsonReader {
    static final int MAX_DEPTH = 128;

    private final String s;
    private final int end;
    private int pos;
    private int depth;

    JsonReader(String s, int start, int end) {
        this.s = s;
        this.pos = start;
        this.end = end;
    }

    Object readDocument() throws ProtocolException {
        Object value = readValue();
        skipWhitespace();
        if (pos != end) throw error("unexpected data after the JSON value");
        return value;
    }

    private Object readValue() throws ProtocolException {
        skipWhitespace();
        if (pos >= end) throw error("unexpected end of JSON");
        char c = s.charAt(pos);
        switch (c) {
            case '{': return readObject();
            case '[': return readArray();
            case '"': return readString();
            case 't': return literal("true", Boolean.TRUE);
            case 'f': return literal("false", Boolean.FALSE);
            case 'n': return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) return readNumber();
                throw error("unexpected character '" + c + "'");
        }
    }

    private Object literal(String word, Object value) throws ProtocolException {
        if (!s.startsWith(word, pos) || pos + word.length() > end) throw error("invalid literal");
        pos += word.length();
        return value;
    }

    private Map<String, Object> readObject() throws ProtocolException {
        enter();
        pos++; // {
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a string key");
            String key = readString();
            skipWhitespace();
            if (peek() != ':') throw error("expected ':'");
            pos++;
            map.put(key, readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == '}') break;
            if (c != ',') throw error("expected ',' or '}'");
        }
        depth--;
        return map;
    }

    private List<Object> readArray() throws ProtocolException {
        enter();
        pos++; // [
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            list.add(readValue());
            skipWhitespace();
            char c = peek();
            pos++;
            if (c == ']') break;
            if (c != ',') throw error("expected ',' or ']'");
        }
        depth--;
        return list;
    }

    private void enter() throws ProtocolException {
        if (++depth > MAX_DEPTH) throw error("JSON nested deeper than " + MAX_DEPTH);
    }

    private String readString() throws ProtocolException {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes, copy the run in one go.
        while (pos < end) {
            char c = s.charAt(pos);
            if (c == '"') {
                return s.substring(start, pos++);
            }
            if (c == '\\') break;
            if (c < 0x20) throw error("control character in string");
            pos++;
        }
        StringBuilder out = new StringBuilder(pos - start + 16).append(s, start, pos);
        while (pos < end) {
            char c = s.charAt(pos++);
            if (c == '"') return out.toString();
            if (c < 0x20) throw error("control character in string");
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (pos >= end) break;
            char e = s.charAt(pos++);
            switch (e) {
                case '"': out.append('"'); break;
                case '\\': out.append('\\'); break;
                case '/': out.append('/'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'u': out.append(readHex4()); break;
                default: throw error("invalid escape \\" + e);
            }
        }
        throw error("unterminated string");
    }

    private char readHex4() throws ProtocolException {
        if (pos + 4 > end) throw error("truncated \\u escape");
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = hexDigit(s.charAt(pos++));
            if (digit < 0) throw error("invalid \\u escape");
            value = value << 4 | digit;
        }
        return (char) value;
    }

    /** ASCII hex only: Character.digit would also take Arabic-Indic or full-width digits. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    private Object readNumber() throws ProtocolException {
        int start = pos;
        boolean negative = peek() == '-';
        if (negative) pos++;
        if (pos >= end) throw error("invalid number");
        char first = s.charAt(pos);
        long magnitude = 0;
        int digits = 0;
        if (first == '0') {
            pos++;
            if (pos < end && isDigit(s.charAt(pos))) throw error("leading zero in number");
        } else if (isDigit(first)) {
            while (pos < end && isDigit(s.charAt(pos))) {
                magnitude = magnitude * 10 + (s.charAt(pos++) - '0'); // only trusted while digits <= 18
                digits++;
            }
        } else {
            throw error("invalid number");
        }
        boolean integral = true;
        if (pos < end && s.charAt(pos) == '.') {
            integral = false;
            pos++;
            if (pos >= end || !isDigit(s.charAt(pos))) throw error("invalid fraction");
            while (pos < end && isDigit(s.charAt(pos))) pos++;
        }
        if (pos < end && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
            integral = false;
            pos++;
            if (pos < end && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) pos++;
            if (pos >= end || !isDigit(s.charAt(pos))) throw error("invalid exponent");
            while (pos < end && isDigit(s.charAt(pos))) pos++;
        }
        // The common case, a small integer, needs neither a substring nor a library parse.
        if (integral && digits <= 18) return negative ? -magnitude : magnitude;
        String text = s.substring(start, pos);
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException overflow) {
                return Double.parseDouble(text); // as JavaScript would read it; BigInteger is not wanted
            }
        }
        return Double.parseDouble(text);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private char peek() throws ProtocolException {
        if (pos >= end) throw error("unexpected end of JSON");
        return s.charAt(pos);
    }

    private void skipWhitespace() {
        while (pos < end) {
            char c = s.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private ProtocolException error(String message) {
        return new ProtocolException("invalid JSON: " + message + " at " + pos);
    }
}
