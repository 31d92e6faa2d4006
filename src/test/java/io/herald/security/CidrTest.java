package io.herald.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {

    @Test
    void anIpv4NetworkHoldsItsAddressesDownToTheBit() {
        Cidr net = Cidr.parse("10.1.0.0/17");
        assertTrue(net.contains("10.1.0.1"));
        assertTrue(net.contains("10.1.127.255"));
        assertFalse(net.contains("10.1.128.0"), "the 17th bit differs");
        assertFalse(net.contains("11.1.0.1"));
        assertTrue(Cidr.parse("127.0.0.1").contains("127.0.0.1"));
        assertFalse(Cidr.parse("127.0.0.1").contains("127.0.0.2"), "a bare address is a /32");
        assertTrue(Cidr.parse("0.0.0.0/0").contains("203.0.113.9"));
    }

    @Test
    void ipv6AddressesAsContainersWriteThem() {
        Cidr loopback = Cidr.parse("::1/128");
        assertTrue(loopback.contains("::1"));
        assertTrue(loopback.contains("[::1]"));
        assertTrue(loopback.contains("0:0:0:0:0:0:0:1"));
        assertTrue(Cidr.parse("fe80::/10").contains("fe80::1%eth0"));
        assertFalse(loopback.contains("::2"));
        assertFalse(loopback.contains("127.0.0.1"), "IPv4 is not in an IPv6 network");
    }

    @Test
    void onlyLiteralsCountNeverNames() {
        Cidr loopback = Cidr.parse("127.0.0.0/8");
        // "localhost" would resolve to 127.0.0.1; a name must never be looked up, nor let through
        for (String notLiteral : List.of("localhost", "", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1..2.3", "1.2.3.", ".1.2.3",
                "1.2.3.4 ", "1.2.3.-4", "1234.0.0.1", "::g", "[::1", "a:b:c")) {
            assertFalse(loopback.contains(notLiteral), notLiteral);
        }
        assertFalse(loopback.contains((String) null));
        assertNull(Cidr.literal("example.org"));
        assertArrayEquals(new byte[] {10, 0, 0, (byte) 255}, Cidr.literal("10.0.0.255"));
    }

    @Test
    void aBadNetworkInTheConfigurationIsRefused() {
        for (String bad : List.of("localhost/8", "10.0.0.0/33", "10.0.0.0/x", "10.0.0.0/-1", "::1/129", "nope")) {
            assertThrows(IllegalArgumentException.class, () -> Cidr.parse(bad), bad);
        }
    }
}
