package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {
    private static final String SECRET = "signature-test-secret-0123";
    private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final long NOW = 1_765_000_000L;

    private static String sign(String query) {
        return RequestSignature.sign(SECRET, "GET", "/api/v1/stats", query, BODY, NOW);
    }

    private static String verify(String query, String signature) {
        return RequestSignature.verify(SECRET, "GET", "/api/v1/stats", query, BODY, Long.toString(NOW), signature, NOW);
    }

    /** An & or = inside a value is not a separator: the two queries mean different things and must sign differently. */
    @Test
    void separatorsInsideAValueDoNotSignLikeSeparators() {
        assertNotEquals(RequestSignature.sortedQuery("a=b&c=d"), RequestSignature.sortedQuery("a=b%26c%3Dd"));
        assertEquals("signature does not match", verify("a=b%26c%3Dd", sign("a=b&c=d")));
        assertEquals("signature does not match", verify("a=b&c=d", sign("a=b%26c%3Dd")));
        assertNull(verify("a=b%26c%3Dd", sign("a=b%26c%3Dd")));
    }

    @Test
    void theCanonicalQueryIsDecodedThenEncodedOneWay() {
        assertEquals("a=b%26c%3Dd", RequestSignature.sortedQuery("a=b%26c%3Dd"));
        assertEquals("a=b&c=d", RequestSignature.sortedQuery("c=d&a=b"), "an unreserved query is as before");
        assertEquals("x=a%20b", RequestSignature.sortedQuery("x=a+b"));
        assertEquals("x=a%20b", RequestSignature.sortedQuery("x=a%20b"), "one meaning, one form");
        assertEquals("x=caf%C3%A9", RequestSignature.sortedQuery("x=caf%c3%a9"));
        assertEquals("x=caf%C3%A9", RequestSignature.sortedQuery("x=café"));
        assertEquals("flag=&id%5B0%5D=alice&t=-._~", RequestSignature.sortedQuery("t=-._~&id[0]=alice&flag"));
        assertEquals("", RequestSignature.sortedQuery(null));
        assertThrows(RequestSignature.MalformedQueryException.class, () -> RequestSignature.sortedQuery("x=%zz"));
    }
}
