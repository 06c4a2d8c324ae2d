package dev.sluice.samples.experiment;

import dev.sluice.Channel;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What a bounded Sluice channel does with a message when it is full: the {@code --overflow} axis
 * of a sweep.
 *
 * <p>Today only {@link #BLOCK} exists (the sender waits for room, as {@code Channel.bounded(n)}
 * always does): overflow policies are being added to {@code sluice-core} in parallel. Everything
 * the experiment needs from a policy is in this one file, so adding one is local:
 *
 * <ol>
 *   <li>add the constant ({@code DROP_NEWEST("drop-newest", false)}, ...);</li>
 *   <li>move its name from {@link #NOT_YET} to the {@code switch} of {@link #parse};</li>
 *   <li>open the channel with the policy in {@link #open} (its discard hook is already the
 *       experiment's drop counter, so dropped messages are counted, not reported as lost).</li>
 * </ol>
 *
 * A policy that drops ({@code blocks == false}) relaxes the run's check from
 * {@code received == sent} to {@code received + dropped == sent}.
 */
public enum Overflow {
    /** The sender waits for room: nothing is ever dropped. */
    BLOCK("block", true);

    // ==== EXTENSION POINT: overflow policies (lead: add the policies here) ====
    /** Policies the option knows by name but that need a core with {@code OverflowPolicy}. */
    static final String[] NOT_YET = {"drop-newest", "drop-oldest", "conflate"};

    private final String id;
    private final boolean blocks;

    Overflow(String id, boolean blocks) {
        this.id = id;
        this.blocks = blocks;
    }

    /**
     * Parses one value of {@code --overflow}, ignoring case and spaces.
     *
     * @throws IllegalArgumentException for a policy core does not have yet, or an unknown name
     */
    static Overflow parse(String text) {
        String spec = text.trim().toLowerCase(Locale.ROOT);
        switch (spec) {
            case "block":
                return BLOCK;
            default:
                for (String later : NOT_YET) {
                    if (later.equals(spec)) {
                        throw new IllegalArgumentException("overflow '" + text + "': overflow policies need "
                                + "sluice-core with OverflowPolicy; this build has only 'block'");
                    }
                }
                throw new IllegalArgumentException("unknown overflow policy '" + text + "': use block");
        }
    }

    /**
     * A channel of {@code flavor} with this policy; {@code onDiscard} receives every message the
     * channel discards (today: only those left when the last receiver closes).
     */
    <T> Channel<T> open(ChannelFlavor flavor, Consumer<? super T> onDiscard) {
        switch (this) {
            case BLOCK:
            default:
                return flavor.isUnbounded() ? Channel.unbounded(onDiscard) : Channel.bounded(flavor.capacity(), onDiscard);
        }
    }
    // ==== end of the extension point ====

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
