package dev.sluice.samples.experiment;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap readings for the report: {@link #used()} (cheap, sampled during the run: live data plus
 * garbage not yet collected) and {@link #usedAfterGc()} (a full collection first, so what is
 * left is what is still referenced).
 *
 * <p>A run's <b>retained heap</b> is {@code usedAfterGc()} at the end of the run, with the
 * backlog still buffered, minus {@code usedAfterGc()} just before the run: what the design holds
 * on to. Its <b>peak heap</b> is the largest sampled {@code used()} minus the same baseline; it
 * includes garbage, so it shows allocation pressure more than retention. {@code System.gc()} is a
 * full, stop-the-world collection with the JVM's default flags; with
 * {@code -XX:+ExplicitGCInvokesConcurrent} or {@code -XX:+DisableExplicitGC} the retained figure
 * is not meaningful.
 */
final class HeapProbe {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapProbe() {
    }

    /** Heap in use now, in bytes. */
    static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Heap in use after a full collection, in bytes. */
    static long usedAfterGc() {
        System.gc();
        return used();
    }
}
