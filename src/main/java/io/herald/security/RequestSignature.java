package io.herald.security;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Signed emit requests. The backend sends {@code X-Herald-Key}, {@code X-Herald-Timestamp} (Unix seconds)
 * and {@code X-Herald-Signature}: the lower-case hex HMAC-SHA256, keyed with the app's secret, of
 *
 * <pre>
 * METHOD \n PATH \n SORTED_QUERY \n SHA256_HEX(BODY) \n TIMESTAMP
 * </pre>
 *
 * where SORTED_QUERY is the query's {@code name=value} pairs, each name and value decoded and then
 * percent-encoded again in one canonical way ({@link #encode}: UTF-8, RFC 3986's unreserved characters
 * {@code A-Z a-z 0-9 - . _ ~} kept, every other byte {@code %XX} in upper case), sorted and joined with
 * {@code &} (empty when there is none). Encoding after decoding keeps a {@code &} or {@code =} inside a value
 * apart from the separators: {@code a=b&c=d} and {@code a=b%26c%3Dd} sign differently, and {@code x=a+b},
 * {@code x=a%20b} sign alike. A request is valid within {@link #WINDOW_SECONDS} of the server's clock.
 * A query that cannot be decoded (a bad {@code %} escape) has no canonical form: {@link MalformedQueryException}.
 */
public final class RequestSignature {
    public static final String KEY_HEADER = "X-Herald-Key";
    public static final String TIMESTAMP_HEADER = "X-Herald-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Herald-Signature";
    public static final long WINDOW_SECONDS = 300;

    private RequestSignature() {}

    /** The string that is signed. */
    public static String canonical(String method, String path, String rawQuery, byte[] body, long timestamp) {
        return method.toUpperCase() + "\n" + path + "\n" + sortedQuery(rawQuery) + "\n" + Hmac.sha256Hex(body)
                + "\n" + timestamp;
    }

    public static String sign(String secret, String method, String path, String rawQuery, byte[] body, long timestamp) {
        return Hmac.signHex(secret, canonical(method, path, rawQuery, body, timestamp));
    }

    /** Why a request fails verification, or {@code null} when it passes. */
    public static String verify(String secret, String method, String path, String rawQuery, byte[] body,
                                String timestamp, String signature, long nowSeconds) {
        if (timestamp == null || signature == null) return "missing " + TIMESTAMP_HEADER + " or " + SIGNATURE_HEADER;
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "bad " + TIMESTAMP_HEADER;
        }
        if (Math.abs(nowSeconds - ts) > WINDOW_SECONDS) return "timestamp outside the " + WINDOW_SECONDS + " s window";
        String expected = sign(secret, method, path, rawQuery, body, ts);
        return Hmac.equal(expected, signature.trim().toLowerCase()) ? null : "signature does not match";
    }

    static String sortedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) return "";
        List<String> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            pairs.add(encode(name) + "=" + encode(value));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    /** RFC 3986 percent-encoding of the text's UTF-8 bytes, the unreserved characters kept, hex in upper case. */
    public static String encode(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedQueryException(part);
        }
    }

    /**
     * The query has a bad {@code %} escape. Decoding it leniently would let signer and server disagree on what
     * was signed, so such a request is refused as malformed rather than as badly signed.
     */
    public static final class MalformedQueryException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        MalformedQueryException(String part) {
            super("the query has a malformed % escape: " + part);
        }
    }
}
