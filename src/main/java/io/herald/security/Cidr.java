package io.herald.security;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public record Cidr(byte[] network, int prefix) {
    /** What an IPv6 literal may hold: hex digits, colons, an embedded IPv4 part and a zone ({@code %eth0}). */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9a-fA-F:.]+(%[0-9A-Za-z_.-]+)?");

    /** Parses a network; only literal addresses are accepted (no name lookups). */
    public static Cidr parse(String text) {
        String s = text.trim();
        int slash = s.indexOf('/');
        byte[] bytes = literal(slash < 0 ? s : s.substring(0, slash));
        if (bytes == null) throw new IllegalArgumentException("not an IP network: " + text);
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix in " + text);
        }
        if (prefix < 0 || prefix > bytes.length * 8) throw new IllegalArgumentException("bad prefix in " + text);
        return new Cidr(bytes, prefix);
    }

    /** Whether a literal address (as servlet containers report it) lies in this network. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        return bytes != null && contains(bytes);
    }

    /** Whether an address, as {@link #literal} gives it, lies in this network. */
    boolean contains(byte[] address) {
        if (address.length != network.length) return false;
        int full = prefix / 8;
        for (int i = 0; i < full; i++) if (address[i] != network[i]) return false;
        int rest = prefix % 8;
        if (rest == 0) return true;
        int mask = 0xff << (8 - rest) & 0xff;
        return (address[full] & mask) == (network[full] & mask);
    }

    /**
     * The bytes of a literal address, dotted IPv4 ({@code 10.1.2.3}) or IPv6 ({@code ::1}, also in brackets), or
     * null for anything else. Never a name lookup, and no regular expression for IPv4, which is what nearly every
     * unsigned emit asks about.
     */
    public static byte[] literal(String address) {
        if (address == null || address.isEmpty()) return null;
        byte[] v4 = dottedQuad(address);
        if (v4 != null) return v4;
        String s = address.charAt(0) == '[' && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        // with a colon in it, InetAddress parses the text as an IPv6 literal and never resolves it as a name
        if (s.indexOf(':') < 0 || !IPV6_LITERAL.matcher(s).matches()) return null;
        try {
            return InetAddress.getByName(s).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** {@code a.b.c.d}, each 0 to 255 in decimal, or null. */
    private static byte[] dottedQuad(String s) {
        byte[] bytes = new byte[4];
        int part = 0, value = 0, digits = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) return null;
            } else if (c == '.' && digits > 0 && part < 3) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        if (part != 3 || digits == 0) return null;
        bytes[3] = (byte) value;
        return bytes;
    }
}
