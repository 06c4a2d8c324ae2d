package dev.sluice.samples.experiment;

import java.util.OptionalInt;

/**
 * What a run measures: the thing between the producers and the consumer. Either a Sluice
 * channel ({@link SluiceDesign}: a flavor and an overflow policy) or a baseline from another
 * library ({@link BaselineDesign}). A design opens a fresh {@link Pipe} for each run.
 */
public sealed interface Design permits SluiceDesign, BaselineDesign {

    /** A short name for tables and legends: {@code sluice bounded(16)}, {@code jdk-abq(16)}. */
    String label();

    /** The capacity the design bounds its buffer to; empty if unbounded. */
    OptionalInt capacity();

    /** {@code true} if the design never drops a message, so every message sent must be received. */
    boolean neverDrops();

    /** A new, empty pipe for one run with {@code consumers} consumers, counting into {@code counters}. */
    Pipe open(RunCounters counters, int consumers);
}
