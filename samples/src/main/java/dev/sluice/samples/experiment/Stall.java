package dev.sluice.samples.experiment;

import java.time.Duration;

/**
 * A consumer stall ({@code --stall 2s@5s}): from {@code at} after the start, the consumers take
 * nothing for {@code length}; then they resume at their rate. A consumer in the middle of a
 * receive when the stall begins finishes that one message.
 *
 * @param length how long the consumers stop (positive)
 * @param at     when, from the start of the run ({@code >= 0})
 */
public record Stall(Duration length, Duration at) {

    public Stall {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("a stall needs a positive length, was " + length);
        }
        if (at.isNegative()) {
            throw new IllegalArgumentException("a stall cannot start before the run, was " + at);
        }
    }

    /** Parses {@code LENGTH@AT}, e.g. {@code 2s@5s}. */
    static Stall parse(String text) {
        String[] parts = text.trim().split("@");
        if (parts.length != 2) {
            throw new IllegalArgumentException("not a stall: '" + text + "' (use LENGTH@AT, e.g. 2s@5s)");
        }
        return new Stall(Durations.parse(parts[0]), Durations.parse(parts[1]));
    }

    /** The stall's start, in {@code nanoTime} of a run that started at {@code start}. */
    long from(long start) {
        return start + at.toNanos();
    }

    /** The stall's end, in {@code nanoTime} of a run that started at {@code start}. */
    long until(long start) {
        return from(start) + length.toNanos();
    }

    Stall scaled(double factor) {
        return new Stall(Durations.scale(length, factor), Durations.scale(at, factor));
    }

    /** {@code 2.00 s@5.00 s}. */
    @Override
    public String toString() {
        return ExperimentReport.formatNanos(length.toNanos()) + "@" + ExperimentReport.formatNanos(at.toNanos());
    }
}
