package dev.sluice;

import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * TestFlavor: the channel kinds every conformance test runs against, with a factory.
 *
 * <p>Like kotlinx.coroutines' {@code TestChannelKind}: one constant per flavor the contract
 * distinguishes. {@code BOUNDED_1} is the smallest ring (every second send wraps, full after one
 * message), {@code BOUNDED_16} a ring with room for bursts, {@code RENDEZVOUS} has no buffer and
 * {@code UNBOUNDED} never makes a sender wait. Tests use the predicates below instead of
 * comparing constants, so that a new kind only has to answer them.
 */
enum TestFlavor {
    RENDEZVOUS(0),
    BOUNDED_1(1),
    BOUNDED_16(16),
    UNBOUNDED(-1);

    /** The capacity passed to {@link Channel#bounded(int)}, or -1 for {@link Channel#unbounded()}. */
    private final int capacity;

    TestFlavor(int capacity) {
        this.capacity = capacity;
    }

    /** A new channel of this flavor. */
    <T> Channel<T> create() {
        return create(null);
    }

    /** A new channel of this flavor with a discard hook ({@code null} for none). */
    <T> Channel<T> create(Consumer<? super T> onDiscard) {
        return capacity < 0 ? Channel.unbounded(onDiscard) : Channel.bounded(capacity, onDiscard);
    }

    /** What {@code capacity()} must report. */
    OptionalInt expectedCapacity() {
        return capacity < 0 ? OptionalInt.empty() : OptionalInt.of(capacity);
    }

    /** {@code true} for {@code bounded(0)}. */
    boolean isRendezvous() {
        return capacity == 0;
    }

    /** {@code true} for {@code unbounded()}. */
    boolean isUnbounded() {
        return capacity < 0;
    }

    /** {@code true} if messages can sit in the channel with no receiver waiting. */
    boolean buffers() {
        return capacity != 0;
    }

    /** {@code true} if a send can wait (bounded and rendezvous). */
    boolean sendCanBlock() {
        return capacity >= 0;
    }

    /**
     * How many messages one thread can send in a row without a receiver and without waiting:
     * 0 for a rendezvous, n for {@code bounded(n)}; for unbounded, the given {@code plenty}.
     */
    int room(int plenty) {
        return capacity < 0 ? plenty : capacity;
    }
}
