package dev.sluice.samples.experiment;

import java.util.concurrent.locks.LockSupport;

/**
 * Rate limiting: hands out time slots one period apart and waits for each. Waiting parks, then
 * spins for the last {@value #SPIN_NANOS} ns. A park on Linux oversleeps by about 50 µs (timer
 * slack), so a wake-up is often a little late; both disciplines below absorb that lateness in
 * their schedule instead of letting it lower the rate, which lets the spin stay short (spinning
 * longer would be more precise but would burn a core per paced thread on a small machine).
 *
 * <p>The discipline here is a <b>rate cap</b> ({@link #nextSlotWithoutCatchUp()}), for
 * consumers: the next slot is one period after the previous one, or now if that is later, so a
 * consumer that sat idle (nothing to receive) banks no credit and never bursts, while a late
 * wake-up shorter than one period is absorbed by the schedule instead of slowing the rate down.
 * Producers keep a constant-rate schedule that catches up instead ({@link ProducerSchedule}),
 * and share {@link #awaitInstant}.
 *
 * <p>A rate of 0 means "as fast as possible": no waiting at all. Not thread-safe: one per thread.
 */
final class Pacer {

    /** Below this many nanoseconds left, spin instead of parking. */
    static final long SPIN_NANOS = 20_000;

    private final long periodNanos;     // 0 = unpaced
    private long nextSlot;

    /** A pacer for {@code ratePerSecond} events per second ({@code 0}: unpaced), starting at {@code start}. */
    Pacer(double ratePerSecond, long start) {
        if (ratePerSecond < 0 || Double.isNaN(ratePerSecond) || Double.isInfinite(ratePerSecond)) {
            throw new IllegalArgumentException("rate must be >= 0 and finite, was " + ratePerSecond);
        }
        this.periodNanos = ratePerSecond == 0 ? 0 : Math.max(1, Math.round(1e9 / ratePerSecond));
        this.nextSlot = start;
    }

    /** Waits for the next slot of the rate cap and returns it (unpaced: now). */
    long nextSlotWithoutCatchUp() {
        long now = System.nanoTime();
        if (periodNanos == 0) {
            return now;
        }
        long slot = nextSlot - now > 0 ? nextSlot : now;
        nextSlot = slot + periodNanos;
        awaitInstant(slot);
        return slot;
    }

    /** Waits until {@code System.nanoTime() - instant >= 0}. */
    static void awaitInstant(long instant) {
        for (;;) {
            long left = instant - System.nanoTime();
            if (left <= 0) {
                return;
            }
            if (left > SPIN_NANOS) {
                LockSupport.parkNanos(left - SPIN_NANOS);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
