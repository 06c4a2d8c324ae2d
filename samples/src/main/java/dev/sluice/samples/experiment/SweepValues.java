package dev.sluice.samples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The values of one sweep option: a comma-separated list ({@code 0,1,16,256}), each value parsed
 * by the option's own parser, with messages that name the option.
 */
final class SweepValues {

    private SweepValues() {
    }

    /**
     * Parses {@code text} as a comma list of values of {@code option}.
     *
     * @throws IllegalArgumentException for an empty list, an empty item, or a bad value
     */
    static <T> List<T> parse(String option, String text, Function<String, T> parser) {
        if (text == null || text.isBlank() || text.replace(",", "").isBlank()) {
            throw new IllegalArgumentException(option + ": empty sweep '" + (text == null ? "" : text)
                    + "' (give one value, or several separated by commas)");
        }
        List<T> values = new ArrayList<>();
        for (String item : text.split(",", -1)) {
            if (item.isBlank()) {
                throw new IllegalArgumentException(option + ": empty value in '" + text + "'");
            }
            try {
                values.add(parser.apply(item.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
            }
        }
        return values;
    }

    /** A count {@code >= 1}: producers, consumers, request sizes. */
    static int count(String text) {
        int value = integer(text);
        if (value < 1) {
            throw new IllegalArgumentException("must be >= 1, was " + value);
        }
        return value;
    }

    /** A capacity {@code >= 0}. */
    static int capacity(String text) {
        int value = integer(text);
        if (value < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 (0 = rendezvous), was " + value);
        }
        return value;
    }

    /**
     * A rate in messages per second: a positive number, or {@code max} for as fast as possible
     * (returned as 0, the settings' spelling). A rate of 0 would send nothing and is refused.
     */
    static double rate(String text) {
        if (text.equalsIgnoreCase("max")) {
            return 0;
        }
        double value;
        try {
            value = Double.parseDouble(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a rate: '" + text + "' (msg/s, or max)");
        }
        if (value == 0) {
            throw new IllegalArgumentException("a rate of 0 would move nothing: use a positive rate, "
                    + "or max for as fast as possible");
        }
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("a rate must be positive and finite, was " + text);
        }
        return value;
    }

    private static int integer(String text) {
        try {
            return Integer.parseInt(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a whole number: '" + text + "'");
        }
    }
}
