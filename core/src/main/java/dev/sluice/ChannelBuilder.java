package dev.sluice;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * ChannelBuilder: configures a channel's capacity, overflow policy, discard hook and name.
 *
 * <pre>{@code
 * Channel<Order> orders = Channel.<Order>builder()
 *         .capacity(1024)
 *         .overflow(OverflowPolicy.DROP_OLDEST)
 *         .onDiscard(Order::release)
 *         .name("orders")
 *         .build();
 * }</pre>
 *
 * <p>The default is {@code capacity(0)} with {@link OverflowPolicy#BLOCK}: a rendezvous, like
 * {@link Channel#bounded(int) bounded(0)}. {@link #unbounded()} selects an unbounded channel.
 * A dropping policy needs a buffer: {@link #build()} rejects it for a rendezvous or an unbounded
 * channel.
 *
 * @param <T> the message type
 */
public final class ChannelBuilder<T> {
    private int capacity;
    private boolean unbounded;
    private OverflowPolicy overflow = OverflowPolicy.BLOCK;
    private Consumer<? super T> onDiscard;
    private String name;

    ChannelBuilder() {
    }

    /**
     * A bounded channel of {@code capacity} messages ({@code 0}: rendezvous).
     *
     * @throws IllegalArgumentException if {@code capacity < 0} or above {@link Channel#MAX_CAPACITY}
     */
    public ChannelBuilder<T> capacity(int capacity) {
        Channel.checkCapacity(capacity);
        this.capacity = capacity;
        this.unbounded = false;
        return this;
    }

    /** An unbounded channel. */
    public ChannelBuilder<T> unbounded() {
        this.unbounded = true;
        return this;
    }

    /** What a send does when the channel is full; {@link OverflowPolicy#BLOCK} by default. */
    public ChannelBuilder<T> overflow(OverflowPolicy policy) {
        this.overflow = Objects.requireNonNull(policy, "policy");
        return this;
    }

    /**
     * Receives every message the channel drops: rejected or evicted by the overflow policy (on
     * the sending thread), or still buffered when the last receiver closes (on the closing
     * thread). Once per message. It should be short and must not throw; if it throws during a
     * send, the exception propagates from that send (whose own message, under DROP_OLDEST, is
     * already buffered; under DROP_NEWEST it is the message the hook received).
     */
    public ChannelBuilder<T> onDiscard(Consumer<? super T> onDiscard) {
        this.onDiscard = Objects.requireNonNull(onDiscard, "onDiscard");
        return this;
    }

    /** A name for monitoring ({@link ChannelStats#name()}). */
    public ChannelBuilder<T> name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /**
     * Creates the channel.
     *
     * @throws IllegalArgumentException if a dropping policy is combined with a rendezvous or an
     *         unbounded channel
     */
    public Channel<T> build() {
        if (overflow != OverflowPolicy.BLOCK && (unbounded || capacity == 0)) {
            throw new IllegalArgumentException(overflow + " needs a bounded channel with capacity >= 1, was "
                    + (unbounded ? "unbounded" : "rendezvous"));
        }
        Shared<T> shared = unbounded ? Shared.of(new ListFlavor<T>(), onDiscard, overflow, name)
                : capacity == 0 ? Shared.of(new ZeroFlavor<T>(), onDiscard, overflow, name)
                : Shared.of(new ArrayFlavor<T>(capacity), onDiscard, overflow, name);
        return new Channel<>(shared);
    }
}
