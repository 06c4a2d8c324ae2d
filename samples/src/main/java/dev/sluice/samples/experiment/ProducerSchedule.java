package dev.sluice.samples.experiment;

import java.util.SplittableRandom;

/**
 * A producer's schedule: the instants at which it means to send, whatever happens to its sends.
 *
 * <p>Regular slots are one period apart ({@link Arrivals#CONSTANT}) or exponentially distributed
 * gaps of the same mean ({@link Arrivals#POISSON}), starting at the run's start. A producer that
 * fell behind (blocked in {@code send}) gets slots already in the past and catches up at once, so
 * the offered load stays the configured rate and each message's scheduled instant stays honest
 * (no coordinated omission). A {@link Burst} inserts its share of extra slots, all at the burst
 * instant, before the regular slots that follow it. Without a rate (as fast as possible) the
 * regular slot is always "now".
 *
 * <p>Not thread-safe: one per producer.
 */
final class ProducerSchedule {

    private final double meanPeriodNanos;   // 0 = unpaced
    private final SplittableRandom random;  // null = constant gaps
    private final long burstAt;
    private int burstLeft;
    private long nextRegular;

    /**
     * @param ratePerSecond messages per second, 0 = as fast as possible
     * @param start         the run's start ({@code nanoTime})
     * @param random        the gap generator for Poisson arrivals, {@code null} for constant ones
     * @param burstAt       the burst instant ({@code nanoTime}), ignored if {@code burstShare == 0}
     * @param burstShare    this producer's extra messages
     */
    ProducerSchedule(double ratePerSecond, long start, SplittableRandom random, long burstAt, int burstShare) {
        this.meanPeriodNanos = ratePerSecond == 0 ? 0 : 1e9 / ratePerSecond;
        this.random = random;
        this.burstAt = burstAt;
        this.burstLeft = burstShare;
        this.nextRegular = start;
    }

    /** The instant {@link #next()} will return, without waiting (unpaced: now, or the burst's). */
    long peek() {
        long regular = meanPeriodNanos == 0 ? System.nanoTime() : nextRegular;
        return burstLeft > 0 && burstAt - regular <= 0 ? burstAt : regular;
    }

    /** Waits for the next slot and returns it. */
    long next() {
        long slot = peek();
        if (burstLeft > 0 && slot == burstAt) {
            burstLeft--;
        } else if (meanPeriodNanos != 0) {
            nextRegular += gap();
        }
        Pacer.awaitInstant(slot);
        return slot;
    }

    private long gap() {
        if (random == null) {
            return Math.max(1, Math.round(meanPeriodNanos));
        }
        return Math.max(1, Math.round(-Math.log(1 - random.nextDouble()) * meanPeriodNanos));
    }
}
