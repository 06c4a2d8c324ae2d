package dev.sluice.samples.experiment;

import java.time.Duration;

/**
 * A producer burst ({@code --burst 10000@3s}): at {@code at} after the start, the producers
 * together send {@code count} extra messages as fast as they can, on top of their rate, then
 * continue their schedule. The extra messages are shared out evenly (the first producers take one
 * more when {@code count} does not divide), and each carries the burst instant as its scheduled
 * time, so the burst's latency counts from when it was meant to go out.
 *
 * @param count extra messages in all ({@code >= 1})
 * @param at    when, from the start of the run ({@code >= 0})
 */
public record Burst(int count, Duration at) {

    public Burst {
        if (count < 1) {
            throw new IllegalArgumentException("a burst needs at least one message, was " + count);
        }
        if (at.isNegative()) {
            throw new IllegalArgumentException("a burst cannot happen before the run, was " + at);
        }
    }

    /** Parses {@code COUNT@AT}, e.g. {@code 10000@3s}. */
    static Burst parse(String text) {
        String[] parts = text.trim().split("@");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a burst: '" + text + "' (use COUNT@AT, e.g. 10000@3s)");
        }
        int count;
        try {
            count = Integer.parseInt(parts[0].trim().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a message count: '" + parts[0] + "' in burst '" + text + "'");
        }
        return new Burst(count, Durations.parse(parts[1]));
    }

    /** The share of producer {@code index} (0-based) of {@code producers}. */
    int shareOf(int index, int producers) {
        return count / producers + (index < count % producers ? 1 : 0);
    }

    Burst scaled(double factor) {
        return new Burst(count, Durations.scale(at, factor));
    }

    /** {@code 10000@3.00 s}. */
    @Override
    public String toString() {
        return count + "@" + ExperimentReport.formatNanos(at.toNanos());
    }
}
