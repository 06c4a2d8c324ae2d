package dev.sluice.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress: how many items the producer has handed over and the subscriber has finished, and the
 * largest difference seen, for {@link InFlightProbe}.
 *
 * <p>"In flight" is produced − consumed: items accepted by the route (buffered in a channel, a
 * queue, a sink, an operator's prefetch queue, or in the subscriber's hands) but not yet
 * processed. Both sides sample it after each of their own steps and keep the maximum; the two
 * counters are read at slightly different instants, so a sample can be off by the one or two
 * items that moved in between, never more.
 */
final class Progress {
    private final AtomicLong produced = new AtomicLong();
    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();

    /** The producer has handed over its {@code count}-th item. */
    void produced(long count) {
        produced.set(count);
        sample(count - consumed.get());
    }

    /** The subscriber has finished its {@code count}-th item. */
    void consumed(long count) {
        consumed.set(count);
        sample(produced.get() - count);
    }

    private void sample(long inFlight) {
        peak.accumulateAndGet(inFlight, Math::max);
    }

    /** The largest number of items seen in flight. */
    long peak() {
        return peak.get();
    }
}
