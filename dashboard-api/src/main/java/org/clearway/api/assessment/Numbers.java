package org.clearway.api.assessment;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Figures as text: rounded half up, no exponent, no trailing zeros; null as the given placeholder. */
final class Numbers {
    private Numbers() {
    }

    static String plain(Double value, int decimals, String ifNull) {
        if (value == null || !Double.isFinite(value)) {
            return ifNull;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    static String percent(Double share, String ifNull) {
        return share == null ? ifNull : plain(share * 100, 1, ifNull) + " %";
    }

    /** For people: thousands grouped with commas ({@code 1,240,000.5}), at most {@code decimals} decimals. */
    static String readable(Double value, int decimals, String ifNull) {
        if (value == null || !Double.isFinite(value)) {
            return ifNull;
        }
        java.text.DecimalFormat format = new java.text.DecimalFormat("#,##0" + (decimals > 0 ? "." + "#".repeat(decimals) : ""),
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ENGLISH));
        format.setRoundingMode(RoundingMode.HALF_UP);
        String text = format.format(value);
        return text.equals("-0") ? "0" : text;
    }
}
