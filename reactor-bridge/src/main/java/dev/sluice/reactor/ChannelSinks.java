package dev.sluice.reactor;

/**
 * Factories of {@link ChannelSink}: Reactor {@code Sinks.Many} backed by a Sluice channel, so
 * that emitters, reactive or blocking, get real backpressure instead of an unbounded buffer.
 *
 * <pre>{@code
 * ChannelSink<String> sink = ChannelSinks.many(256);
 * Flux<String> flux = sink.asFlux();                  // one subscriber
 * sink.tryEmitNext("from a reactive emitter");        // OK, or FAIL_OVERFLOW when full
 * try (Sender<String> tx = sink.sender()) {           // a legacy thread's blocking handle
 *     tx.send("from a blocking thread");              // waits while the subscriber is slow
 * }
 * sink.tryEmitComplete();                             // after the buffered items
 * }</pre>
 *
 * <p>The first use of this class installs {@link ReactorBlockingGuard} (unless another guard is
 * installed).
 */
public final class ChannelSinks {
    static {
        ReactorBlockingGuard.installByDefault();
    }

    private ChannelSinks() {
    }

    /**
     * A unicast sink over a new channel of {@code capacity}: {@code 0} = rendezvous (an emission
     * succeeds only while the subscriber waits with demand), {@code n} = a buffer of {@code n},
     * {@code Integer.MAX_VALUE} = unbounded.
     *
     * Core's limit applies: a bounded capacity above {@link dev.sluice.Channel#MAX_CAPACITY} is
     * refused; only {@code Integer.MAX_VALUE} itself means unbounded.
     *
     * @throws IllegalArgumentException if {@code capacity < 0}, or if
     *         {@code Channel.MAX_CAPACITY < capacity < Integer.MAX_VALUE}
     */
    public static <T> ChannelSink<T> many(int capacity) {
        return new ChannelSink<>(Demand.checkCapacity(capacity));
    }

    /**
     * A unicast sink over a new bounded channel of {@code capacity} with an overflow policy: with
     * {@code DROP_OLDEST} (or {@code DROP_NEWEST}) {@code tryEmitNext} never answers
     * {@code FAIL_OVERFLOW}: a full buffer sheds its oldest (or the new) item to Reactor's discard
     * hook, and a slow subscriber sees the newest data (or the oldest).
     *
     * @throws IllegalArgumentException if {@code capacity < 1} or above
     *         {@link dev.sluice.Channel#MAX_CAPACITY} for a dropping policy (a dropping channel needs
     *         a buffer), or as for {@link #many(int)}
     */
    public static <T> ChannelSink<T> many(int capacity, dev.sluice.OverflowPolicy overflow) {
        java.util.Objects.requireNonNull(overflow, "overflow");
        int checked = Demand.checkCapacity(capacity);
        if (overflow != dev.sluice.OverflowPolicy.BLOCK && (checked < 1 || checked == Demand.UNBOUNDED)) {
            throw new IllegalArgumentException("overflow " + overflow + " needs a bounded capacity >= 1, was " + capacity);
        }
        return new ChannelSink<>(checked, overflow);
    }
}
