package io.herald.protocol.json;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Writes numbers the way JavaScript's {@code Number.prototype.toString} does (ECMA-262 Number::toString):
 * the shortest digits that read back as the same double (the nearest such when several are as short),
 * plain notation from 1e-6 up to 1e21, else {@code 1.5e+21} style. A JavaScript client then sees the text its
 * own {@code JSON.stringify} would have produced. Finite values only.
 */
final class JsNumbers {
    /** Below 2^53 every integral double is an exact long, and its digits are already the shortest. */
    private static final double EXACT_INTEGERS = 9007199254740992.0;
    /**
     * Double.toString before Java 19 reads back correctly but is sometimes longer than needed, or not the
     * nearest of the shortest, from 16 digits up (JDK-4511638). From Java 19 it is shortest and nearest,
     * which 2e23 shows ("1.9999999999999998E23" before).
     */
    private static final boolean JAVA_IS_SHORTEST = Double.toString(2e23).equals("2.0E23");
    private static final int TRUSTED_DIGITS = 15;

    private JsNumbers() {}

    static void appendDouble(double d, StringBuilder out) {
        if (d == Math.rint(d) && Math.abs(d) < EXACT_INTEGERS) {
            out.append((long) d); // also prints -0.0 as 0, as JavaScript does
            return;
        }
        if (d < 0) {
            out.append('-');
            d = -d;
        }
        String java = Double.toString(d);
        boolean plain = java.indexOf('E') < 0; // Java writes 1e-3 <= d < 1e7 plainly, as JavaScript does
        if (plain && (JAVA_IS_SHORTEST || java.length() <= TRUSTED_DIGITS + 1)) {
            out.append(java); // not integral, so no ".0" to drop: already JavaScript's text
            return;
        }
        Decimal decimal = Decimal.of(java);
        // Subnormals: even Java 19+ may pick a longer form (4.9E-324 where JavaScript says 5e-324).
        if (d < Double.MIN_NORMAL || (!JAVA_IS_SHORTEST && decimal.digits.length() > TRUSTED_DIGITS)) {
            decimal = Shortest.of(d, decimal);
        }
        decimal.appendTo(out);
    }

    /**
     * A float is written with its own digits ({@code 0.1f} as {@code 0.1}), not those of the double it widens
     * to ({@code 0.10000000149011612}): that is the value a Java caller meant.
     */
    static void appendFloat(float f, StringBuilder out) {
        if (f == Math.rint(f) && Math.abs(f) < 1e7f) {
            out.append((long) f);
            return;
        }
        if (f < 0) {
            out.append('-');
            f = -f;
        }
        Decimal.of(Float.toString(f)).appendTo(out);
    }

    /** {@code 0.digits × 10^point}, digits without leading or trailing zeros. */
    static final class Decimal {
        final String digits;
        final int point;

        Decimal(String digits, int point) {
            this.digits = digits;
            this.point = point;
        }

        /** Reads Java's {@code Double.toString} / {@code Float.toString} form of a positive value. */
        static Decimal of(String javaText) {
            int e = javaText.indexOf('E');
            int mantissaEnd = e < 0 ? javaText.length() : e;
            int exponent = e < 0 ? 0 : Integer.parseInt(javaText, e + 1, javaText.length(), 10);
            int dot = javaText.indexOf('.');
            StringBuilder digits = new StringBuilder(mantissaEnd).append(javaText, 0, dot)
                    .append(javaText, dot + 1, mantissaEnd);
            int lead = 0;
            while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
            int end = digits.length();
            while (end > lead + 1 && digits.charAt(end - 1) == '0') end--;
            return new Decimal(digits.substring(lead, end), dot + exponent - lead);
        }

        /** {@code unscaled × 10^exponent}, unscaled positive. */
        static Decimal of(long unscaled, int exponent) {
            while (unscaled % 10 == 0) {
                unscaled /= 10;
                exponent++;
            }
            String digits = Long.toString(unscaled);
            return new Decimal(digits, exponent + digits.length());
        }

        /** ECMA-262 Number::toString layout, for a positive value. */
        void appendTo(StringBuilder out) {
            int k = digits.length();
            int n = point;
            if (k <= n && n <= 21) {
                out.append(digits);
                for (int i = k; i < n; i++) out.append('0');
            } else if (0 < n && n <= 21) {
                out.append(digits, 0, n).append('.').append(digits, n, k);
            } else if (-6 < n && n <= 0) {
                out.append("0.");
                for (int i = n; i < 0; i++) out.append('0');
                out.append(digits);
            } else {
                out.append(digits.charAt(0));
                if (k > 1) out.append('.').append(digits, 1, k);
                out.append('e').append(n - 1 >= 0 ? '+' : '-').append(Math.abs(n - 1));
            }
        }
    }

    /**
     * Finds the shortest, then nearest, decimal that reads back as a double, starting from Java's digits
     * (at most 18, so a long holds them). Java's digits read back, so the answer is no longer; any decimal
     * of n-1 digits is also one of n, so shortening one digit at a time until it fails finds the length.
     */
    private static final class Shortest {
        private static final long[] POW10 = new long[19];

        static {
            POW10[0] = 1;
            for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
        }

        private final double d;
        private final StringBuilder scratch = new StringBuilder(32);

        private Shortest(double d) {
            this.d = d;
        }

        static Decimal of(double d, Decimal java) {
            return new Shortest(d).find(Long.parseLong(java.digits), java.digits.length(), java.point);
        }

        /** Java's value is {@code digits × 10^(point - k)}. */
        private Decimal find(long digits, int k, int point) {
            long found = digits; // a decimal of the current length that reads back
            int length = k;
            while (length > 1) {
                int n = length - 1;
                long unit = POW10[k - n];
                long down = digits / unit;
                long candidate = readsBack(down, point - n) ? down
                        : digits % unit != 0 && readsBack(down + 1, point - n) ? down + 1 : -1;
                if (candidate < 0) break;
                found = candidate;
                length = n;
            }
            int exponent = point - length;
            // Every decimal of this length that reads back lies in one run around `found`; take the nearest.
            long low = found;
            while (low > 1 && readsBack(low - 1, exponent)) low--;
            long high = found;
            while (readsBack(high + 1, exponent)) high++;
            return Decimal.of(low == high ? low : nearest(low, high, exponent), exponent);
        }

        private boolean readsBack(long unscaled, int exponent) {
            scratch.setLength(0);
            scratch.append(unscaled).append('E').append(exponent);
            return Double.parseDouble(scratch.toString()) == d;
        }

        /** Of {@code low..high} (× 10^exponent), the one nearest to d exactly; on a tie the even one. */
        private long nearest(long low, long high, int exponent) {
            BigDecimal twice = new BigDecimal(d).multiply(BigDecimal.valueOf(2));
            long c = low;
            while (c < high) {
                // Compare 2d with the midpoint to the next candidate, (2c + 1) × 10^exponent.
                int side = twice.compareTo(new BigDecimal(BigInteger.valueOf(2 * c + 1), -exponent));
                if (side < 0) return c;
                if (side == 0) return c % 2 == 0 ? c : c + 1;
                c++;
            }
            return c;
        }
    }
}
