package io.herald.protocol.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes numbers the way JavaScript's {@code Number.prototype.toString} does (ECMA-262 Number::toString):
 * the shortest digits that read back to the same double, plain notation from 1e-6 up to 1e21, else
 * {@code 1.5e+21} style. A JavaScript client then sees the text its own {@code JSON.stringify} would have
 * produced. Finite values only.
 */
final class JsNumbers {
    /** Below 2^53 every integral double is an exact long, and its digits are already the shortest. */
    private static final double EXACT_INTEGERS = 9007199254740992.0;
    /** Java 17's Double.toString gives a round-tripping but sometimes too long form from 16 digits up. */
    private static final int TRUSTED_DIGITS = 15;
    private static final long MANTISSA_BITS = 0x000F_FFFF_FFFF_FFFFL;

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
        Decimal decimal = Decimal.of(Double.toString(d));
        if (decimal.digits.length() > TRUSTED_DIGITS || d < Double.MIN_NORMAL) decimal = shortest(d, decimal);
        decimal.appendTo(out);
    }

    /**
     * A float is written with its own shortest digits ({@code 0.1f} as {@code 0.1}), not those of the
     * double it widens to ({@code 0.10000000149011612}): that is the value a Java caller meant.
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

    /**
     * The shortest decimal that reads back as {@code d}, the nearest one among equally short ones. Searching
     * by length works because if n digits read back, so do n+1 (the nearest n+1-digit value is no farther).
     */
    private static Decimal shortest(double d, Decimal fallback) {
        BigDecimal exact = new BigDecimal(d);
        int max = fallback.digits.length();
        if ((Double.doubleToRawLongBits(d) & MANTISSA_BITS) == 0) {
            // A power of two sits closer to its lower neighbour, so the nearest candidate may fail where the
            // other side works: try both, length by length.
            for (int n = 1; n < max; n++) {
                BigDecimal down = exact.round(new MathContext(n, RoundingMode.FLOOR));
                BigDecimal up = exact.round(new MathContext(n, RoundingMode.CEILING));
                boolean downOk = down.doubleValue() == d;
                boolean upOk = up.doubleValue() == d;
                if (downOk && upOk) return Decimal.of(exact.subtract(down).compareTo(up.subtract(exact)) <= 0 ? down : up);
                if (downOk) return Decimal.of(down);
                if (upOk) return Decimal.of(up);
            }
        } else {
            int lo = 1;
            int hi = max;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (exact.round(new MathContext(mid, RoundingMode.HALF_EVEN)).doubleValue() == d) hi = mid;
                else lo = mid + 1;
            }
            max = hi;
        }
        // Java's digits at this length round-trip but are not always the nearest; JavaScript takes the nearest.
        return Decimal.of(exact.round(new MathContext(max, RoundingMode.HALF_EVEN)));
    }

    /** {@code 0.digits × 10^point}, digits without leading or trailing zeros. */
    private static final class Decimal {
        final String digits;
        final int point;

        private Decimal(String digits, int point) {
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
            return normalised(digits, dot + exponent);
        }

        static Decimal of(BigDecimal value) {
            BigDecimal v = value.stripTrailingZeros();
            String unscaled = v.unscaledValue().toString();
            return new Decimal(unscaled, unscaled.length() - v.scale());
        }

        private static Decimal normalised(StringBuilder digits, int point) {
            int lead = 0;
            while (lead < digits.length() - 1 && digits.charAt(lead) == '0') lead++;
            int end = digits.length();
            while (end > lead + 1 && digits.charAt(end - 1) == '0') end--;
            return new Decimal(digits.substring(lead, end), point - lead);
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
}
