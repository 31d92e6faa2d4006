package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Who the client is behind proxies: the one rule every entry point uses. */
class TrustedProxiesTest {
    private static final TrustedProxies NGINX = TrustedProxies.parse("127.0.0.1, ::1");
    private static final TrustedProxies TWO_TIERS = TrustedProxies.parse("127.0.0.1/32, 10.0.0.0/8");

    /** Headers as name, value, name, value…; a name given twice is two header lines. */
    private static RequestHeaders headers(String... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.computeIfAbsent(pairs[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(pairs[i + 1]);
        }
        return name -> map.getOrDefault(name, List.of());
    }

    private static RequestSource resolve(TrustedProxies proxies, String peer, String... pairs) {
        return proxies.resolve(peer, "http", "herald.example", headers(pairs));
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientAndForwardingHeadersMarkTheRequest() {
        RequestSource plain = resolve(TrustedProxies.NONE, "127.0.0.1");
        assertEquals("127.0.0.1", plain.address());
        assertFalse(plain.untrustedForwarding());

        RequestSource relayed = resolve(TrustedProxies.NONE, "127.0.0.1", "X-Forwarded-For", "203.0.113.7");
        assertEquals("127.0.0.1", relayed.address(), "the header is not believed");
        assertTrue(relayed.untrustedForwarding(), "but the request is known to be relayed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Forwarded", "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Real-IP",
            "True-Client-IP", "CF-Connecting-IP", "X-Client-IP", "X-Forwarded-Port"})
    void everyForwardingHeaderFromAnUntrustedPeerMarksTheRequest(String name) {
        assertTrue(resolve(NGINX, "192.0.2.50", name, "127.0.0.1").untrustedForwarding(), name);
        assertFalse(resolve(NGINX, "127.0.0.1", name, "127.0.0.1").untrustedForwarding(), name + " from a trusted proxy");
    }

    @Test
    void forgedLeftmostAddressesAreSkipped() {
        // nginx appends the real client to whatever the client sent
        RequestSource source = resolve(NGINX, "127.0.0.1", "X-Forwarded-For", "127.0.0.1, 203.0.113.7");
        assertEquals("203.0.113.7", source.address());
        assertFalse(source.untrustedForwarding());
    }

    @Test
    void trustedHopsAreSkippedFromTheRightUntilTheFirstUntrustedOne() {
        assertEquals("198.51.100.4", resolve(TWO_TIERS, "127.0.0.1",
                "X-Forwarded-For", "10.9.9.9, 198.51.100.4, 10.0.0.2, 10.0.0.3").address());
        assertEquals("10.0.0.2", resolve(TWO_TIERS, "127.0.0.1", "X-Forwarded-For", "10.0.0.2, 10.0.0.3").address(),
                "every hop trusted: the leftmost is the client");
        assertEquals("198.51.100.4", resolve(TWO_TIERS, "10.0.0.3",
                "X-Forwarded-For", "198.51.100.4", "X-Forwarded-For", "10.0.0.2").address(), "two header lines are one list");
    }

    @Test
    void aTrustedPeerWithoutForwardingHeadersIsTheClient() {
        RequestSource source = resolve(NGINX, "127.0.0.1");
        assertEquals("127.0.0.1", source.address());
        assertEquals("http", source.scheme());
        assertEquals("herald.example", source.host());
    }

    @Test
    void rfc7239ForwardedWithIpv6PortsQuotesAndCase() {
        assertEquals("2001:db8:cafe:0:0:0:0:17", resolve(NGINX, "127.0.0.1",
                "Forwarded", "For=\"[2001:db8:cafe::17]:4711\"").address());
        assertEquals("192.0.2.60", resolve(NGINX, "127.0.0.1",
                "Forwarded", "for=192.0.2.60;proto=http;by=203.0.113.43").address());
        assertEquals("192.0.2.60", resolve(NGINX, "127.0.0.1", "Forwarded", "for=\"192.0.2.60:8080\"").address());
        RequestSource chain = resolve(NGINX, "::1",
                "Forwarded", "for=127.0.0.1;proto=https, for=198.51.100.17;proto=https;host=shop.example, for=\"[::1]\"");
        assertEquals("198.51.100.17", chain.address());
        assertEquals("https", chain.scheme());
        assertEquals("shop.example", chain.host());
        assertTrue(chain.secure());
        assertEquals("198.51.100.17", resolve(NGINX, "::1",
                "Forwarded", "for=198.51.100.17;host=\"a,b;c\"", "Forwarded", "for=127.0.0.1").address(),
                "separators inside quotes do not split");
    }

    @ParameterizedTest
    @ValueSource(strings = {"for=unknown", "for=_hidden", "for=\"_SEVKISEK\"", "for", "for=\"192.0.2.1",
            "for=192.0.2.1;for=192.0.2.2", "for=192.0.2.1 x", "=192.0.2.1", "for=\"\"", "for=\"[::1\"",
            "for=192.0.2.1:http", "for=\"[fe80::1%eth0]\"", "for=example.com", "for=999.0.0.1"})
    void anUnknownObfuscatedOrGarbledClientIsNoAddress(String forwarded) {
        RequestSource source = resolve(NGINX, "127.0.0.1", "Forwarded", forwarded);
        assertNull(source.address(), forwarded);
        assertFalse(source.untrustedForwarding());
    }

    @Test
    void anUnknownHopStopsTheWalk() {
        assertNull(resolve(NGINX, "127.0.0.1", "X-Forwarded-For", "127.0.0.1, unknown").address(),
                "what lies left of a hop nobody vouches for is not believed");
        assertNull(resolve(NGINX, "127.0.0.1", "Forwarded", "for=127.0.0.1, for=_proxy").address());
        assertEquals("203.0.113.9", resolve(NGINX, "127.0.0.1", "X-Forwarded-For", "garbage, 203.0.113.9").address());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "203.0.113.9:5555|203.0.113.9", "[2001:db8::1]:443|2001:db8:0:0:0:0:0:1", "2001:db8::1|2001:db8:0:0:0:0:0:1",
            "[::1]|0:0:0:0:0:0:0:1", "' 203.0.113.9 '|203.0.113.9", "::ffff:203.0.113.9|203.0.113.9"})
    void xForwardedForAddressesWithPortsAndBrackets(String node, String expected) {
        assertEquals(expected, resolve(NGINX, "127.0.0.1", "X-Forwarded-For", node).address());
    }

    @Test
    void theSchemeAndHostComeFromATrustedProxyOnly() {
        RequestSource trusted = resolve(NGINX, "127.0.0.1", "X-Forwarded-For", "203.0.113.7",
                "X-Forwarded-Proto", "https", "X-Forwarded-Host", "Shop.Example");
        assertEquals("https", trusted.scheme());
        assertTrue(trusted.secure());
        assertEquals("shop.example", trusted.host());

        RequestSource untrusted = resolve(NGINX, "192.0.2.50", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "x");
        assertEquals("http", untrusted.scheme());
        assertFalse(untrusted.secure());
        assertEquals("herald.example", untrusted.host());

        assertEquals("http", resolve(NGINX, "127.0.0.1", "X-Forwarded-Proto", "gopher").scheme(), "not a scheme: ignored");
        assertEquals("https", resolve(TWO_TIERS, "127.0.0.1", "X-Forwarded-For", "203.0.113.7, 10.0.0.2",
                "X-Forwarded-Proto", "https, http").scheme(), "one proto per hop: the client's hop's");
    }

    @Test
    void forwardedAndXForwardedThatContradictEachOtherNameNoClient() {
        // a proxy that sets X-Forwarded-For but passes the client's own Forwarded on
        RequestSource forged = resolve(NGINX, "127.0.0.1", "Forwarded", "for=127.0.0.1", "X-Forwarded-For", "203.0.113.7");
        assertNull(forged.address());
        RequestSource forgedProto = resolve(NGINX, "127.0.0.1", "Forwarded", "for=203.0.113.7;proto=https",
                "X-Forwarded-For", "203.0.113.7", "X-Forwarded-Proto", "http");
        assertNull(forgedProto.address());
        assertFalse(forgedProto.secure());
        RequestSource agreeing = resolve(NGINX, "127.0.0.1", "Forwarded", "for=203.0.113.7;proto=https",
                "X-Forwarded-For", "203.0.113.7");
        assertEquals("203.0.113.7", agreeing.address());
        assertTrue(agreeing.secure());
    }

    @Test
    void theRequestsOwnOriginIsRecognised() {
        RequestSource direct = new RequestSource("127.0.0.1", "http", "localhost:8080", false);
        assertTrue(direct.isOwnOrigin("http://localhost:8080"));
        assertTrue(direct.isOwnOrigin("HTTP://LocalHost:8080/"));
        assertFalse(direct.isOwnOrigin("http://localhost:8081"));
        assertFalse(direct.isOwnOrigin("https://localhost:8080"));
        assertFalse(direct.isOwnOrigin("http://evil.example"));
        assertFalse(direct.isOwnOrigin("null"));
        assertFalse(direct.isOwnOrigin(null));
        assertTrue(new RequestSource(null, "https", "shop.example:443", false).isOwnOrigin("https://shop.example"));
        assertTrue(new RequestSource(null, "http", "shop.example", false).isOwnOrigin("http://shop.example:80"));
        assertFalse(new RequestSource(null, "http", null, false).isOwnOrigin("http://shop.example"));

        RequestSource proxied = resolve(NGINX, "127.0.0.1", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "shop.example");
        assertTrue(proxied.isOwnOrigin("https://shop.example"));
        assertFalse(resolve(TrustedProxies.NONE, "127.0.0.1", "X-Forwarded-Proto", "https",
                "X-Forwarded-Host", "shop.example").isOwnOrigin("https://shop.example"), "not from an untrusted peer");
    }

    @Test
    void theSettingParsesNetworksAndRefusesNames() {
        assertTrue(TrustedProxies.parse(" ").isEmpty());
        assertTrue(TrustedProxies.parse(null).isEmpty());
        assertTrue(TrustedProxies.parse("10.0.0.0/8, fd00::/8").trusts("fd00::5"));
        assertFalse(TrustedProxies.parse("10.0.0.0/8").trusts("11.0.0.1"));
        assertFalse(TrustedProxies.parse("10.0.0.0/8").trusts(null));
        assertThrows(IllegalArgumentException.class, () -> TrustedProxies.parse("proxy.example"));
    }

    @Test
    void randomHeadersNeverThrowAndNeverNameATrustedProxyTheClient() {
        Random random = new Random(30);
        String alphabet = "\"\\;,=[]:._ afor0123456789.:x";
        for (int run = 0; run < 5000; run++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(40);
            for (int i = 0; i < length; i++) value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            boolean standard = random.nextBoolean();
            String name = standard ? "Forwarded" : "X-Forwarded-For";
            RequestSource source = resolve(NGINX, "127.0.0.1", name, value.toString(), name,
                    standard ? "for=203.0.113.2" : "203.0.113.2");
            // the hop nearest to Herald is untrusted, whatever precedes it
            assertEquals("203.0.113.2", source.address(), name + ": " + value);
        }
    }
}
