package dev.sluice.samples.experiment;

import dev.sluice.Channel;
import dev.sluice.OverflowPolicy;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a bounded Sluice channel does with a message when it is full: the {@code --overflow} axis
 * of a sweep, mapped onto core's {@link OverflowPolicy}.
 *
 * <p>The channel's discard hook is the experiment's drop counter, so rejected ({@code
 * drop-newest}) and evicted ({@code drop-oldest}, {@code conflate}) messages are counted, not
 * reported as lost; a policy that drops ({@code blocks == false}) relaxes the run's check from
 * {@code received == sent} to {@code received + dropped == sent}. Core accepts a dropping
 * policy only on a bounded channel: {@link Sweep} pairs rendezvous and unbounded flavors with
 * {@link #BLOCK} alone.
 */
public enum Overflow {
    /** The sender waits for room: nothing is ever dropped. */
    BLOCK("block", true),
    /** A full channel rejects the new message ({@link OverflowPolicy#DROP_NEWEST}). */
    DROP_NEWEST("drop-newest", false),
    /** A full channel evicts its oldest message ({@link OverflowPolicy#DROP_OLDEST}). */
    DROP_OLDEST("drop-oldest", false),
    /** Capacity 1, drop oldest: the receiver sees the latest ({@link Channel#conflated()}); ignores the capacity. */
    CONFLATE("conflate", false);

    private final String id;
    private final boolean blocks;

    Overflow(String id, boolean blocks) {
        this.id = id;
        this.blocks = blocks;
    }

    /**
     * Parses one value of {@code --overflow}, ignoring case and spaces.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    static Overflow parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        for (Overflow o : values()) {
            if (o.id.equals(spec)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown overflow policy '" + text
                + "': use block, drop-newest, drop-oldest or conflate");
    }

    /** A channel of {@code flavor} with this policy; {@code onDiscard} receives every message it discards. */
    <T> Channel<T> open(ChannelFlavor flavor, Consumer<? super T> onDiscard) {
        if (flavor.isUnbounded()) {
            return Channel.unbounded(onDiscard);
        }
        switch (this) {
            case DROP_NEWEST:
                return Channel.bounded(flavor.capacity(), OverflowPolicy.DROP_NEWEST, onDiscard);
            case DROP_OLDEST:
                return Channel.bounded(flavor.capacity(), OverflowPolicy.DROP_OLDEST, onDiscard);
            case CONFLATE:
                return Channel.bounded(1, OverflowPolicy.DROP_OLDEST, onDiscard);
            case BLOCK:
            default:
                return Channel.bounded(flavor.capacity(), onDiscard);
        }
    }

    /** {@code true} if this policy never drops a message. */
    boolean blocks() {
        return blocks;
    }

    /** The option's spelling: {@code block}. */
    @Override
    public String toString() {
        return id;
    }
}
