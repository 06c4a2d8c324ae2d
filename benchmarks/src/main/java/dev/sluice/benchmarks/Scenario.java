package dev.sluice.benchmarks;

import java.util.List;

/**
 * Scenario: one cell of the whole-run harness ({@link WholeRun}), crossbeam's shape: a
 * {@code shape} (spsc: 1 producer; mpsc: {@value #THREADS} producers; mpmc: {@value #THREADS}
 * producers and {@value #THREADS} consumers; in spsc and mpsc the measuring thread receives;
 * oversubscribed: {@value #OVERSUBSCRIBED_THREADS} producers and {@value #OVERSUBSCRIBED_THREADS}
 * consumers, more threads than a 2-core machine has) at a capacity (0 = rendezvous, n, or
 * {@link Pipes#UNBOUNDED}).
 *
 * <p>The names of {@link #ALL} ({@code "spsc bounded(1024)"}) are also the Rust program's, so its
 * lines can be matched with ours; {@link #OVERSUBSCRIBED} is Java only.
 */
record Scenario(String shape, int capacity) {
    static final int THREADS = 4;
    /** Producers and consumers of the oversubscribed shape. */
    static final int OVERSUBSCRIBED_THREADS = 8;

    /** Every harness scenario, in table order; the Rust program's HARNESS list is the same. */
    static final List<Scenario> ALL = List.of(
            new Scenario("spsc", 1024), new Scenario("mpsc", 1024), new Scenario("mpmc", 1024),
            new Scenario("spsc", Pipes.UNBOUNDED), new Scenario("mpsc", Pipes.UNBOUNDED),
            new Scenario("mpmc", Pipes.UNBOUNDED),
            new Scenario("spsc", 0), new Scenario("mpsc", 0),
            new Scenario("spsc", 1));

    /** The oversubscribed cells: {@value #OVERSUBSCRIBED_THREADS} + {@value #OVERSUBSCRIBED_THREADS} threads. */
    static final List<Scenario> OVERSUBSCRIBED = List.of(new Scenario("oversubscribed", 1024),
            new Scenario("oversubscribed", Pipes.UNBOUNDED), new Scenario("oversubscribed", 0));

    /** The JDK queues measured against Sluice, each where it has a variant of the capacity. */
    static final List<String> JDK_QUEUES = List.of("ArrayBlockingQueue", "LinkedBlockingQueue",
            "LinkedTransferQueue", "SynchronousQueue");

    String name() {
        return shape + " " + Pipes.describe(capacity);
    }

    static Scenario parse(String name) {
        return java.util.stream.Stream.concat(ALL.stream(), OVERSUBSCRIBED.stream())
                .filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scenario " + name));
    }

    /** The wake-up bound cells (a hand-off per message) move fewer messages, as in crossbeam. */
    boolean slow() {
        return capacity == 0 || capacity == 1;
    }

    int producers() {
        return switch (shape) {
            case "spsc" -> 1;
            case "oversubscribed" -> OVERSUBSCRIBED_THREADS;
            default -> THREADS;
        };
    }

    /** Consumer threads besides the measuring one: 0 in spsc and mpsc. */
    int consumers() {
        return switch (shape) {
            case "mpmc" -> THREADS;
            case "oversubscribed" -> OVERSUBSCRIBED_THREADS;
            default -> 0;
        };
    }

    /** {@code true} if {@code impl} has a variant with this capacity (see {@link Pipes}). */
    boolean supports(String impl) {
        boolean oneProducer = producers() == 1;
        boolean oneConsumer = consumers() == 0;
        return switch (impl) {
            case Pipes.SLUICE, Pipes.JOX -> true;
            case Pipes.EXCHANGER -> capacity == 0 && oneProducer && oneConsumer;
            case Pipes.DISRUPTOR_SP_BLOCKING, Pipes.DISRUPTOR_SP_YIELDING, Pipes.JCTOOLS_SPSC_SPIN ->
                    capacity >= 2 && oneProducer && oneConsumer;
            case Pipes.DISRUPTOR_MP_BLOCKING, Pipes.DISRUPTOR_MP_YIELDING, Pipes.JCTOOLS_MPSC_BLOCKING,
                    Pipes.JCTOOLS_MPSC_SPIN -> capacity >= 2 && oneConsumer;
            case Pipes.JCTOOLS_MPMC_SPIN -> capacity >= 2;
            case "ArrayBlockingQueue" -> capacity >= 1;
            case "LinkedBlockingQueue" -> capacity != 0;
            case "LinkedTransferQueue" -> capacity == 0 || capacity == Pipes.UNBOUNDED;
            case "SynchronousQueue" -> capacity == 0;
            default -> false;
        };
    }
}
