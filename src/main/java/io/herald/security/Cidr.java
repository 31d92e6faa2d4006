package io.herald.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {

    /** Parses a network; only literal addresses are accepted (no name lookups). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (!address.matches("[0-9a-fA-F.:]+")) throw new IllegalArgumentException("not an IP network: " + text);
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP network: " + text);
        }
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        if (prefix < 0 || prefix > bytes.length * 8) throw new IllegalArgumentException("bad prefix in " + text);
        return new Cidr(bytes, prefix);
    }

    /** Whether a literal address (as servlet containers report it) lies in this network. */
    public boolean contains(String address) {
        if (address == null || !address.matches("[0-9a-fA-F.:%\\[\\]a-zA-Z]+")) return false;
        try {
            String literal = address.startsWith("[") ? address.substring(1, address.length() - 1) : address;
            return contains(InetAddress.getByName(literal).getAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private boolean contains(byte[] address) {
        if (address.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }
}
