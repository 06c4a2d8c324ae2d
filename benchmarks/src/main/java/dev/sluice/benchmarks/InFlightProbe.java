package dev.sluice.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * InFlightProbe: how many items each {@link BridgePath} holds when the subscriber is slower than
 * the producer, and how much processor time the waiting producer burns. Not a JMH benchmark: one
 * run per path with a subscriber that spends about {@value #WORK_NANOS} ns per item.
 *
 * <p>Peak in flight is the largest produced − consumed seen (see {@link Progress}). A path whose
 * producer waits for demand stays at or below capacity ({@value BridgeRig#CAPACITY}) + the
 * {@code publishOn} prefetch ({@value BridgeRig#PREFETCH}) + the item in the subscriber's hands;
 * an unbounded path grows with the producer's head start. Producer CPU is the producer thread's
 * processor time over the run's wall time: near 0% for a producer that parks while it waits,
 * up to 100% for one that spins.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.InFlightProbe</pre>
 */
public final class InFlightProbe {
    /** Items per path. */
    static final int MESSAGES = Integer.getInteger("inflight.messages", 200_000);
    /** The slow subscriber's work per item. */
    static final long WORK_NANOS = 1_000;

    private InFlightProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(table());
    }

    /** Runs every path once with the slow subscriber; a Markdown table. */
    static String table() throws Exception {
        Integer[] messages = Messages.boxed(MESSAGES);
        long bound = BridgeRig.CAPACITY + BridgeRig.PREFETCH + 1;
        StringBuilder table = new StringBuilder();
        table.append("### Peak items in flight, slow subscriber (~").append(WORK_NANOS).append(" ns per item, ")
                .append(MESSAGES).append(" items)\n\n");
        table.append("| path | memory | peak in flight | ≤ ").append(bound)
                .append(" (capacity + prefetch + 1)? | producer CPU / wall | run time |\n");
        table.append("|---|---|---:|:---:|---:|---:|\n");
        try (BridgeRig rig = new BridgeRig()) {
            rig.run(BridgePath.channelFlux, Messages.boxed(10_000), null, 0);     // load the classes
            for (BridgePath path : BridgePath.values()) {
                Progress progress = new Progress();
                ProducerClock clock = new ProducerClock();
                long started = System.nanoTime();
                rig.run(path, messages, progress, WORK_NANOS, clock);
                long wall = System.nanoTime() - started;
                table.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %.0f%% | %d ms |%n",
                        path.name(), path.bounded() ? "bounded" : "unbounded", progress.peak(),
                        progress.peak() <= bound ? "yes" : "no",
                        100.0 * clock.cpuNanos / Math.max(1, clock.wallNanos),
                        TimeUnit.NANOSECONDS.toMillis(wall)));
            }
        }
        return table.toString();
    }

    /** The producer thread's CPU and wall time for one run, measured on that thread. */
    static final class ProducerClock {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private long cpuStart;
        private long wallStart;
        volatile long cpuNanos;
        volatile long wallNanos;

        void start() {
            cpuStart = THREADS.getCurrentThreadCpuTime();
            wallStart = System.nanoTime();
        }

        void stop() {
            wallNanos = System.nanoTime() - wallStart;
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpuStart;
        }
    }
}
