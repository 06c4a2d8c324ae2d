package dev.sluice.samples.experiment;

import java.util.concurrent.atomic.LongAdder;

/**
 * Live message counts of one run, shared by producers, consumers and the sampler: sent,
 * received, dropped. The sampler derives from them the messages <i>in flight</i>
 * ({@code sent - received - dropped}: in the design's buffer, in a {@code publishOn} queue, or
 * being handed over), a measure every design has, unlike {@link Pipe#depth()}.
 *
 * <p>Counted after the fact (a producer increments {@code sent} after its send returned, a
 * consumer {@code received} after its receive), so a message handed over directly may be
 * counted received a moment before it is counted sent; {@link #inFlight()} clamps at 0. The final
 * totals, read after every thread was joined, are exact.
 */
final class RunCounters {
    final LongAdder sent = new LongAdder();
    final LongAdder received = new LongAdder();
    final LongAdder dropped = new LongAdder();

    /** Messages sent and neither received nor dropped yet (a snapshot, never negative). */
    long inFlight() {
        long receivedOrDropped = received.sum() + dropped.sum();   // read first: sent only grows
        return Math.max(0, sent.sum() - receivedOrDropped);
    }
}
