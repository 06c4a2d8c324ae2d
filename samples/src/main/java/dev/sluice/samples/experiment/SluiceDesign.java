package dev.sluice.samples.experiment;

import java.util.OptionalInt;

/**
 * A Sluice channel of one flavor with one overflow policy.
 *
 * @param flavor   rendezvous, bounded(N) or unbounded
 * @param overflow what a full bounded channel does with a new message
 */
public record SluiceDesign(ChannelFlavor flavor, Overflow overflow) implements Design {

    @Override
    public String label() {
        return "sluice " + flavor + (overflow == Overflow.BLOCK ? "" : " " + overflow);
    }

    @Override
    public OptionalInt capacity() {
        return flavor.boundedCapacity();
    }

    @Override
    public boolean neverDrops() {
        return overflow.blocks();
    }

    @Override
    public Pipe open(RunCounters counters, int consumers) {
        return new SluicePipe(flavor, overflow, counters);
    }
}
