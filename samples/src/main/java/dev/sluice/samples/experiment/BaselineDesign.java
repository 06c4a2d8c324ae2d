package dev.sluice.samples.experiment;

import java.util.OptionalInt;

/**
 * A baseline from another library, at the capacity of the sweep where it has one.
 *
 * @param baseline which one
 * @param size     the {@code ArrayBlockingQueue}'s capacity ({@code >= 1}); {@code -1} for the
 *                 unbounded Reactor baselines
 */
public record BaselineDesign(Baseline baseline, int size) implements Design {

    public BaselineDesign {
        if (baseline.isBounded() && size < 1) {
            throw new IllegalArgumentException(baseline + " needs a capacity >= 1, was " + size);
        }
        if (!baseline.isBounded() && size != -1) {
            throw new IllegalArgumentException(baseline + " is unbounded; capacity must be -1");
        }
    }

    /** A Reactor baseline (unbounded). */
    static BaselineDesign unbounded(Baseline baseline) {
        return new BaselineDesign(baseline, -1);
    }

    @Override
    public String label() {
        return baseline.isBounded() ? baseline + "(" + size + ")" : baseline.toString();
    }

    @Override
    public OptionalInt capacity() {
        return baseline.isBounded() ? OptionalInt.of(size) : OptionalInt.empty();
    }

    @Override
    public boolean neverDrops() {
        return true;
    }

    @Override
    public Pipe open(RunCounters counters, int consumers) {
        switch (baseline) {
            case REACTOR_UNBOUNDED: return new SinkPipe();
            case REACTOR_CREATE_BUFFER: return new CreatePipe();
            case JDK_ABQ:
            default: return new QueuePipe(size, consumers);
        }
    }
}
