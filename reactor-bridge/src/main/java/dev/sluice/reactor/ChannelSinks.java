package dev.sluice.reactor;

/**
 * Factories of {@link ChannelSink}: Reactor {@code Sinks.Many} backed by a Sluice channel, so
 * that emitters, reactive or blocking, get real backpressure instead of an unbounded buffer.
 *
 * <pre>{@code
 * ChannelSink<String> sink = ChannelSinks.many(256);
 * Flux<String> flux = sink.asFlux();                  // one subscriber
 * sink.tryEmitNext("from a reactive emitter");        // OK, or FAIL_OVERFLOW when full
 * try (Sender<String> tx = sink.newSender()) {        // a legacy thread's own blocking handle
 *     tx.send("from a blocking thread");              // waits while the subscriber is slow
 * }
 * sink.tryEmitComplete();                             // after the buffered items
 *
 * ChannelSink<String> all = ChannelSinks.multicast(256);  // every subscriber sees every element
 * all.asFlux().subscribe(fast);
 * all.asFlux().subscribe(slow);                       // producers wait for the slowest one
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
            throw new IllegalArgumentException("ChannelSinks.many(capacity, " + overflow + "): a dropping policy needs"
                    + " a bounded buffer, capacity 1..Channel.MAX_CAPACITY, was " + capacity
                    + "; for a rendezvous or an unbounded sink use OverflowPolicy.BLOCK");
        }
        return new ChannelSink<>(checked, overflow, false);
    }

    /**
     * A multicast sink over a new bounded channel of {@code capacity}: every subscriber of
     * {@link ChannelSink#asFlux()} sees every element emitted after it subscribed, in order, and
     * the <em>slowest</em> subscriber's demand governs the producers: an element reaches the
     * subscribers only when each of them has requested it, so while one of them requests nothing
     * the channel fills up, {@code tryEmitNext} answers {@code FAIL_OVERFLOW} and a blocking
     * {@code send} on a {@link ChannelSink#newSender()} handle waits.
     *
     * <ul>
     *   <li><b>In flight.</b> At most {@code capacity + 4} elements are emitted and not yet
     *       delivered to the slowest subscriber: the channel's {@code capacity} plus a fan-out
     *       stage (Reactor's {@code publish(4)}) that takes up to 4 ahead of the subscribers'
     *       demand. {@code tryEmitNext} can therefore answer {@code OK} up to {@code capacity + 4}
     *       times before the first {@code FAIL_OVERFLOW} when the subscribers request nothing.</li>
     *   <li><b>Before the first subscriber</b> emissions buffer in the channel (up to
     *       {@code capacity}; then {@code FAIL_ZERO_SUBSCRIBER}, and blocking senders wait), and
     *       the first subscriber gets them, like Reactor's
     *       {@code multicast().onBackpressureBuffer()}.</li>
     *   <li><b>Late subscribers</b> see the elements delivered after they subscribed: every
     *       element emitted later, and possibly some emitted earlier that were still buffered
     *       because the earlier subscribers had not requested them yet (Reactor's multicast sink
     *       behaves the same). After the stream ended they get its terminal signal at once.</li>
     *   <li><b>A subscriber that cancels</b> stops counting: the others' demand governs from
     *       then on.</li>
     *   <li><b>When the last subscriber goes away</b> the sink shuts down, Reactor's
     *       {@code autoCancel = true} (the default of
     *       {@code multicast().onBackpressureBuffer()}): the channel's receiver closes, the
     *       elements buffered in the channel go to the discard hook (those the fan-out stage
     *       held, at most 4, are cleared silently, as Reactor clears its queue), every emission
     *       answers {@code FAIL_CANCELLED} (where Reactor's sink answers {@code OK} once anything
     *       was emitted), blocking senders fail with
     *       {@link dev.sluice.SendDisconnectedException}, and later subscribers complete at
     *       once.</li>
     * </ul>
     * Subscribers' {@code onNext} runs on the thread that completes the slowest demand: an
     * emitting thread, or the thread calling {@code request(n)}; use {@code publishOn} to move it
     * (and note that {@code publishOn}'s own prefetch then counts as that subscriber's demand).
     *
     * @throws IllegalArgumentException if {@code capacity < 1} or above
     *         {@link dev.sluice.Channel#MAX_CAPACITY} (a multicast sink needs a bounded buffer:
     *         unbounded, nobody would ever wait for the slowest subscriber)
     */
    public static <T> ChannelSink<T> multicast(int capacity) {
        int checked = Demand.checkCapacity(capacity);
        if (checked < 1 || checked == Demand.UNBOUNDED) {
            throw new IllegalArgumentException("ChannelSinks.multicast(capacity): a multicast sink needs a bounded"
                    + " buffer, capacity 1..Channel.MAX_CAPACITY, was " + capacity
                    + "; an unbounded one would never make producers wait for the slowest subscriber");
        }
        return new ChannelSink<>(checked, dev.sluice.OverflowPolicy.BLOCK, true);
    }
}
