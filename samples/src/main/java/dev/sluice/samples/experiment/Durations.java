package dev.sluice.samples.experiment;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as the options spell them: {@code 250us}, {@code 300ms}, {@code 1.5s}, {@code 1m},
 * or ISO-8601 ({@code PT3S}).
 */
final class Durations {

    private static final Pattern AMOUNT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ns|us|ms|s|m)");

    private Durations() {
    }

    /** @throws IllegalArgumentException if {@code text} is none of the accepted forms */
    static Duration parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        Matcher m = AMOUNT.matcher(spec);
        if (m.matches()) {
            double amount = Double.parseDouble(m.group(1));
            double unitNanos;
            switch (m.group(2)) {
                case "ns": unitNanos = 1; break;
                case "us": unitNanos = 1e3; break;
                case "ms": unitNanos = 1e6; break;
                case "s": unitNanos = 1e9; break;
                default: unitNanos = 60e9; break;
            }
            return Duration.ofNanos(Math.round(amount * unitNanos));
        }
        try {
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use e.g. 300ms, 3s, 1m or PT3S)");
        }
    }

    /** {@code duration * factor}, to the nanosecond. */
    static Duration scale(Duration duration, double factor) {
        return Duration.ofNanos(Math.round(duration.toNanos() * factor));
    }
}
