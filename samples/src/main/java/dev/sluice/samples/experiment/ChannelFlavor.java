package dev.sluice.samples.experiment;

import dev.sluice.Channel;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * The kind of channel an experiment runs on, parsed from {@code rendezvous}, {@code bounded:N}
 * or {@code unbounded}.
 *
 * <p>{@code capacity} is {@code 0} for a rendezvous, {@code N >= 1} for {@code bounded:N}, and
 * {@code -1} for unbounded; {@code bounded:0} is accepted and means a rendezvous, as
 * {@code Channel.bounded(0)} does.
 *
 * <pre>{@code
 * ChannelFlavor flavor = ChannelFlavor.parse("bounded:64");
 * Channel<Stamp> channel = flavor.open();          // Channel.bounded(64)
 * }</pre>
 */
public record ChannelFlavor(int capacity) {

    /** Unbounded: {@link Channel#unbounded()}. */
    public static final ChannelFlavor UNBOUNDED = new ChannelFlavor(-1);
    /** Rendezvous: {@link Channel#rendezvous()}. */
    public static final ChannelFlavor RENDEZVOUS = new ChannelFlavor(0);

    public ChannelFlavor {
        if (capacity < -1) {
            throw new IllegalArgumentException("capacity must be -1 (unbounded) or >= 0, was " + capacity);
        }
    }

    /** {@code bounded:N}: {@link Channel#bounded(int)}. */
    public static ChannelFlavor bounded(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("bounded capacity must be >= 0, was " + capacity);
        }
        return new ChannelFlavor(capacity);
    }

    /**
     * Parses {@code rendezvous}, {@code bounded:N} ({@code N >= 0}) or {@code unbounded},
     * ignoring case and surrounding spaces.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static ChannelFlavor parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        if (spec.equals("unbounded")) {
            return UNBOUNDED;
        }
        if (spec.equals("rendezvous")) {
            return RENDEZVOUS;
        }
        if (spec.startsWith("bounded:")) {
            String number = spec.substring("bounded:".length());
            try {
                return bounded(Integer.parseInt(number));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a capacity: '" + number + "' in '" + text + "'", e);
            }
        }
        throw new IllegalArgumentException(
                "unknown channel flavor '" + text + "': use rendezvous, bounded:N or unbounded");
    }

    /** A new channel of this flavor. */
    public <T> Channel<T> open() {
        return isUnbounded() ? Channel.unbounded() : Channel.bounded(capacity);
    }

    public boolean isUnbounded() {
        return capacity < 0;
    }

    public boolean isRendezvous() {
        return capacity == 0;
    }

    /** The capacity as {@link dev.sluice.Receiver#capacity()} reports it: empty if unbounded. */
    public OptionalInt boundedCapacity() {
        return isUnbounded() ? OptionalInt.empty() : OptionalInt.of(capacity);
    }

    /** {@code rendezvous}, {@code bounded(N)} or {@code unbounded}. */
    @Override
    public String toString() {
        return isUnbounded() ? "unbounded" : isRendezvous() ? "rendezvous" : "bounded(" + capacity + ")";
    }
}
