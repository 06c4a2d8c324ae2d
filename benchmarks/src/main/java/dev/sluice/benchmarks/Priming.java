package dev.sluice.benchmarks;

import dev.sluice.Channel;

/**
 * Priming: runs every Sluice flavor through the benchmark loops before a trial measures anything,
 * so that the flavor dispatch inside {@code Sender}/{@code Receiver} is profiled as polymorphic,
 * as it is in an application that uses more than one kind of channel.
 *
 * <p>Rounds alternate the flavors so that, whenever C2 happens to compile the send and receive
 * paths, the profile it reads already holds all of them. Each round is a short spsc run with a
 * fresh producer thread, which exercises both the fast path and the park/unpark path.
 */
final class Priming {
    private static final int ROUNDS = 4;
    private static final int MESSAGES_PER_ROUND = 4096;
    private static final int[] CAPACITIES = {0, 1, 1024, Pipes.UNBOUNDED};

    private static boolean primed;

    private Priming() {
    }

    /**
     * Primes once per JVM; later calls return at once. A flavor that fails while priming (a lost
     * message, an exception) is reported on standard error and skipped for the remaining rounds,
     * so that it cannot take the other cells of the trial down with it; the cell that measures
     * that flavor still fails on its own checks.
     */
    static synchronized void primeSluiceFlavors() throws InterruptedException {
        if (primed) {
            return;
        }
        Integer[] messages = Messages.boxed(MESSAGES_PER_ROUND);
        long expected = (long) MESSAGES_PER_ROUND * (MESSAGES_PER_ROUND - 1) / 2;
        boolean[] failed = new boolean[CAPACITIES.length];
        for (int round = 0; round < ROUNDS; round++) {
            for (int c = 0; c < CAPACITIES.length; c++) {
                if (failed[c]) {
                    continue;
                }
                int capacity = CAPACITIES[c];
                Thread producer = null;
                try (Pipe pipe = new SluicePipe(capacity == Pipes.UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity))) {
                    producer = new Thread(() -> {
                        try {
                            pipe.produce(messages, 0, messages.length);
                        } catch (InterruptedException | RuntimeException e) {
                            // the consumer side reports the failure
                        }
                    }, "priming-producer");
                    producer.start();
                    long sum = pipe.consume(messages.length);
                    if (sum != expected) {
                        throw new IllegalStateException("received values sum to " + sum + ", sent " + expected);
                    }
                } catch (RuntimeException e) {
                    failed[c] = true;
                    System.err.println("WARNING: priming Sluice " + Pipes.describe(capacity) + " failed in round "
                            + round + ": " + e + " (a core bug: the cell measuring this flavor will fail too)");
                } finally {
                    if (producer != null) {
                        producer.join();
                    }
                }
            }
        }
        primed = true;
    }
}
