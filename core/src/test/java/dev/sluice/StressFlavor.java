package dev.sluice;

import java.util.function.Consumer;

/**
 * StressFlavor: the channel kinds the {@code *StressTest} classes race on.
 *
 * <p>The smallest buffers make the interesting paths frequent: {@code RENDEZVOUS} parks or pairs
 * on every message, {@code BOUNDED_1} is full after one message and wraps on every second one,
 * {@code BOUNDED_2} wraps often with room for a second message in flight (two stamps in play),
 * and {@code UNBOUNDED} crosses a block boundary every 31 messages (only receivers wait).
 */
enum StressFlavor {
    RENDEZVOUS(0),
    BOUNDED_1(1),
    BOUNDED_2(2),
    UNBOUNDED(-1);

    /** The capacity of {@link Channel#bounded(int)}, or -1 for {@link Channel#unbounded()}. */
    final int capacity;

    StressFlavor(int capacity) {
        this.capacity = capacity;
    }

    <T> Channel<T> create() {
        return create(null);
    }

    /** A new channel of this kind with a discard hook ({@code null} for none). */
    <T> Channel<T> create(Consumer<? super T> onDiscard) {
        return capacity < 0 ? Channel.unbounded(onDiscard) : Channel.bounded(capacity, onDiscard);
    }

    /** {@code true} if a send can wait (bounded and rendezvous). */
    boolean sendCanBlock() {
        return capacity >= 0;
    }
}
