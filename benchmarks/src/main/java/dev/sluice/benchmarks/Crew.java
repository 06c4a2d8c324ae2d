package dev.sluice.benchmarks;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Crew: producer and consumer threads that are started once and then run one round of a
 * benchmark each time the caller releases them.
 *
 * <p>Crossbeam's suite spawns fresh threads for every run; on a 2-core machine thread start-up
 * would then be a visible share of a 100 000-message run, so the threads live as long as the JMH
 * trial instead. A round: every worker waits on {@code start} (the caller is the last party),
 * producer {@code p} sends its contiguous share of the messages, consumer {@code c} receives its
 * share and parks its checksum in {@code sums[c]}, then waits on {@code done}, which the caller
 * joins to collect the sums (the barrier orders the writes before the reads). Producers need no
 * end barrier: once every message has been received every send has completed, and the next
 * {@code start} cannot trip before every producer has come back to it.
 *
 * <p>Shares: messages are split as evenly as possible; the consumers' counts add up to the total.
 * A worker that fails records the exception and breaks both barriers, so the caller fails instead
 * of waiting forever (a caller stuck in a receive is freed by JMH's timeout).
 */
final class Crew implements AutoCloseable {
    private final Thread[] workers;
    private final CyclicBarrier start;
    private final CyclicBarrier done;
    private final long[] sums;
    /** The first worker failure; later ones are usually its consequences (a closed pipe). */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * Starts {@code producers} threads that send {@code messages} into {@code pipe} and
     * {@code consumers} threads that receive them (0 consumers: the caller receives).
     */
    Crew(String name, Pipe pipe, Integer[] messages, int producers, int consumers) {
        this.workers = new Thread[producers + consumers];
        this.start = new CyclicBarrier(producers + consumers + 1);
        this.done = new CyclicBarrier(consumers + 1);
        this.sums = new long[consumers];
        int total = messages.length;
        for (int p = 0; p < producers; p++) {
            int from = share(total, producers, p);
            int to = share(total, producers, p + 1);
            workers[p] = worker(name + "-producer-" + p, pipe, () -> pipe.produce(messages, from, to));
        }
        for (int c = 0; c < consumers; c++) {
            int index = c;
            int count = share(total, consumers, c + 1) - share(total, consumers, c);
            workers[producers + c] = worker(name + "-consumer-" + c, pipe, () -> {
                sums[index] = pipe.consume(count);
                done.await();
            });
        }
        for (Thread worker : workers) {
            worker.start();
        }
    }

    /** Start of the {@code part}-th of {@code parts} equal shares of {@code total}. */
    private static int share(int total, int parts, int part) {
        return (int) ((long) total * part / parts);
    }

    private interface Round {
        void run() throws Exception;
    }

    private Thread worker(String name, Pipe pipe, Round round) {
        Thread thread = new Thread(() -> {
            try {
                for (;;) {
                    start.await();
                    round.run();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                // closed (or another party failed): leave quietly
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
                start.reset();
                done.reset();
                pipe.close();              // a Sluice receiver waiting for this worker sees disconnection
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Releases every worker for one round; returns at once. */
    void startRound() throws InterruptedException, BrokenBarrierException {
        checkHealthy(null);
        try {
            start.await();
        } catch (BrokenBarrierException e) {
            checkHealthy(e);
            throw e;
        }
    }

    /** Waits for every consumer of this round; returns the sum of the values they received. */
    long awaitConsumers() throws InterruptedException, BrokenBarrierException {
        try {
            done.await();
        } catch (BrokenBarrierException e) {
            checkHealthy(e);
            throw e;
        }
        checkHealthy(null);
        long sum = 0;
        for (long s : sums) {
            sum += s;
        }
        return sum;
    }

    /**
     * Throws if a worker failed, with the worker's exception as the cause and {@code symptom}
     * (what the caller saw: a broken barrier, a disconnected receive) suppressed.
     */
    void checkHealthy(Throwable symptom) {
        Throwable f = failure.get();
        if (f != null) {
            IllegalStateException e = new IllegalStateException("a benchmark worker failed", f);
            if (symptom != null) {
                e.addSuppressed(symptom);
            }
            throw e;
        }
    }

    /** Interrupts the workers and waits for them to end (a bounded wait: they are daemons). */
    @Override
    public void close() {
        for (Thread worker : workers) {
            worker.interrupt();
        }
        try {
            for (Thread worker : workers) {
                worker.join(TimeUnit.SECONDS.toMillis(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();     // the workers are daemons: leaving early is safe
        }
    }
}
