package dev.sluice.samples.experiment;

import org.HdrHistogram.Histogram;

/**
 * One consumer's record of what it received: two latencies per message, and counts.
 *
 * <p>Both latencies end when the consumer got the message ({@code recv} returned it, or
 * {@code onNext} was called with it): from the {@code send} call ({@link Stamp#sendCalledAt()}:
 * time spent in the design) and from the producer's schedule ({@link Stamp#scheduledAt()}: also
 * the time the producer was held back). Written by one thread at a time (a consumer thread, or
 * a subscriber's serialized {@code onNext} calls); read after the consumer finished.
 */
final class Latencies {

    final Histogram sinceSendCalled = new Histogram(3);
    final Histogram sinceScheduled = new Histogram(3);
    long received;
    long receivedDuringRun;

    private final RunCounters counters;

    Latencies(RunCounters counters) {
        this.counters = counters;
    }

    /** Records {@code stamp}, received at {@code receivedAt}, in a run that ends at {@code end}. */
    void record(Stamp stamp, long receivedAt, long end) {
        sinceSendCalled.recordValue(Math.max(0, receivedAt - stamp.sendCalledAt()));
        sinceScheduled.recordValue(Math.max(0, receivedAt - stamp.scheduledAt()));
        received++;
        if (receivedAt - end < 0) {
            receivedDuringRun++;
        }
        counters.received.increment();
    }
}
