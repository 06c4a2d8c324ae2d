package dev.sluice.reactor;

import dev.sluice.Channel;
import java.util.OptionalInt;

/**
 * Demand: how much a bridge asks of a Reactive Streams upstream for a given channel capacity.
 *
 * <p>The one place where capacity becomes demand (kotlinx's {@code requestSize}):
 * <table>
 *   <caption>Capacity &rarr; demand</caption>
 *   <tr><th>Channel</th><th>First request</th><th>Replenish</th></tr>
 *   <tr><td>{@code bounded(0)} (rendezvous)</td><td>1, once a receiver waits</td>
 *       <td>1 at a time, each once a receiver waits</td></tr>
 *   <tr><td>{@code bounded(n)}</td><td>the free room</td><td>{@code min(n, free) - in bridge}
 *       (items requested and not yet in the channel), in batches of at least {@code n - n/4}
 *       (Reactor's 75% {@code limitRate} rule): for {@code toReceiver} always (with nothing owed it
 *       waits for that much room with {@code Sender.watchSendable(minFree, callback)}), for
 *       {@code into} while the upstream still owes items</td></tr>
 *   <tr><td>{@code unbounded()}</td><td>{@code Long.MAX_VALUE}</td><td>never</td></tr>
 * </table>
 * A capacity of {@link #UNBOUNDED} ({@code Integer.MAX_VALUE}) stands for an unbounded channel,
 * as it does for Reactor's prefetch arguments; any other capacity above
 * {@code Channel.MAX_CAPACITY} is refused, as core refuses it.
 */
final class Demand {
    /** The capacity that means "unbounded channel" in the bridge's {@code int} parameters. */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private Demand() {
    }

    /** The bridge capacity of a channel seen through one of its handles. */
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
     * A channel capacity accepted by the bridge factories, or an exception naming it. The bridge
     * accepts what core's {@code Channel.bounded} accepts ({@code 0..Channel.MAX_CAPACITY}) plus
     * {@link #UNBOUNDED}; anything else is refused here, with the same exception type as core, so
     * that {@code ChannelSinks.many(n)} and {@code Channel.bounded(n)} agree on every {@code n}.
     */
    static int checkCapacity(int capacity) {
        if (capacity < 0 || (capacity > Channel.MAX_CAPACITY && capacity != UNBOUNDED)) {
            throw new IllegalArgumentException("capacity must be in 0..Channel.MAX_CAPACITY (" + Channel.MAX_CAPACITY
                    + "; 0 = rendezvous), or Integer.MAX_VALUE for an unbounded channel, was " + capacity);
        }
        return capacity;
    }
}
