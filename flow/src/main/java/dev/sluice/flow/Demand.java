package dev.sluice.flow;

import dev.sluice.Channel;
import java.util.OptionalInt;

/**
 * Demand: how much an adapter asks of a {@code Flow.Publisher} for a given channel capacity, and
 * the arithmetic of Reactive Streams demand counters.
 *
 * <table>
 *   <caption>Capacity &rarr; demand</caption>
 *   <tr><th>Channel</th><th>Most items requested and not yet in the channel</th><th>Replenish</th></tr>
 *   <tr><td>{@code bounded(0)} (rendezvous)</td><td>1, once a receiver waits</td>
 *       <td>1 at a time, each once a receiver waits</td></tr>
 *   <tr><td>{@code bounded(n)}</td><td>the free room, at most {@code n}</td>
 *       <td>in batches of at least {@code n - n/4}: for {@code toReceiver} always, for
 *       {@code subscriber(tx)} while the upstream still owes items (the 75% rule of Reactor's {@code limitRate} and RxJava's {@code rebatchRequests})</td></tr>
 *   <tr><td>{@code unbounded()}</td><td>{@code Long.MAX_VALUE}</td><td>never</td></tr>
 * </table>
 * A capacity of {@link #UNBOUNDED} ({@code Integer.MAX_VALUE}) stands for an unbounded channel,
 * as it does for the prefetch arguments of Reactor and RxJava.
 */
final class Demand {
    /** The capacity that means "unbounded channel" in this package's {@code int} parameters. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private Demand() {
    }

    /** The capacity of a channel seen through one of its handles. */
    static int capacityOf(OptionalInt channelCapacity) {
        return channelCapacity.isPresent() ? channelCapacity.getAsInt() : UNBOUNDED;
    }

    /** The most items requested from upstream and not yet in the channel. */
    static long prefetch(int capacity) {
        return switch (capacity) {
            case 0 -> 1;                      // rendezvous: one item, handed to a waiting receiver
            case UNBOUNDED -> Long.MAX_VALUE; // unbounded: the channel never pushes back
            default -> capacity;              // bounded(n): never more than the channel can hold
        };
    }

    /** The smallest top-up worth a {@code request(n)} call while the upstream still owes items. */
    static long replenishLimit(int capacity) {
        return switch (capacity) {
            case 0 -> 1;
            case UNBOUNDED -> Long.MAX_VALUE;
            default -> capacity - (capacity >> 2);
        };
    }

    /**
     * A new channel of {@code capacity}: {@link #UNBOUNDED} makes it unbounded, any other value is
     * {@code Channel.bounded(capacity)}, which refuses a negative capacity or one above its limit
     * with {@link IllegalArgumentException}.
     */
    static <T> Channel<T> newChannel(int capacity) {
        return capacity == UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity);
    }

    /** {@code a + b}, capped at {@code Long.MAX_VALUE} (rule 3.17: demand saturates, never wraps). */
    static long addCap(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }
}
