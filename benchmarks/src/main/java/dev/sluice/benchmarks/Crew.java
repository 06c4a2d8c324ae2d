package dev.sluice.benchmarks;

import java.util.concurrent.Phaser;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Crew: producer and consumer threads that are started once and then run one round of a
 * benchmark each time the caller releases them.
 *
 * <p>Crossbeam's suite spawns fresh threads for every run; on a 2-core machine thread start-up
 * would then be a visible share of a 100 000-message run, so the threads live as long as the JMH
 * trial instead. A round: every worker arrives at the {@code start} phaser and waits (the caller
 * is the last party), producer {@code p} sends its contiguous share of the messages, consumer
 * {@code c} receives its share, parks its checksum in {@code sums[c]} and arrives at
 * {@code done}, where the caller collects the sums (a phase advance orders every action before
 * the arrivals before every action after it). Producers need no end phase: once every message
 * has been received every send has completed, and the next {@code start} cannot advance before
 * every producer has come back to it.
 *
 * <p>Failure. A worker that throws records the first exception, <em>terminates</em> both phasers
 * (every party waiting now or later returns at once; unlike resetting a barrier, this cannot
 * race with a party that is about to arrive) and closes the pipe, so a Sluice receive waiting for
 * the failed worker ends with disconnection. The caller then throws with the worker's exception
 * as the cause. The caller's waits are also bounded by {@link #ROUND_TIMEOUT_SECONDS}, so a
 * round that can never finish (a lost message) fails instead of hanging the trial.
 *
 * <p>Shares: messages are split as evenly as possible; the consumers' counts add up to the total.
 */
final class Crew implements AutoCloseable {
    /** The longest the caller waits for a round's consumers; far beyond any healthy round. */
    static final long ROUND_TIMEOUT_SECONDS = 30;

    private final Thread[] workers;
    private final Phaser start;
    private final Phaser done;
    private final long[] sums;
    private final Pipe pipe;
    /** The first worker failure; later ones are usually its consequences (a closed pipe). */
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    /**
     * Starts {@code producers} threads that send {@code messages} into {@code pipe} and
     * {@code consumers} threads that receive them (0 consumers: the caller receives).
     */
    Crew(String name, Pipe pipe, Integer[] messages, int producers, int consumers) {
        this.pipe = pipe;
        this.workers = new Thread[producers + consumers];
        this.start = new Phaser(producers + consumers + 1);
        this.done = new Phaser(consumers + 1);
        this.sums = new long[consumers];
        int total = messages.length;
        for (int p = 0; p < producers; p++) {
            int from = share(total, producers, p);
            int to = share(total, producers, p + 1);
            workers[p] = worker(name + "-producer-" + p, () -> pipe.produce(messages, from, to));
        }
        for (int c = 0; c < consumers; c++) {
            int index = c;
            int count = share(total, consumers, c + 1) - share(total, consumers, c);
            workers[producers + c] = worker(name + "-consumer-" + c, () -> {
                sums[index] = pipe.consume(count);
                done.arrive();
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

    private Thread worker(String name, Round round) {
        Thread thread = new Thread(() -> {
            try {
                while (start.arriveAndAwaitAdvance() >= 0) {     // negative once terminated
                    round.run();
                }
            } catch (InterruptedException e) {
                // closed while blocked in the queue: leave quietly
            } catch (Throwable e) {
                if (!start.isTerminated()) {                     // not a consequence of close()
                    fail(e);
                }
            }
        }, name);
        thread.setDaemon(true);
        return thread;
    }

    private void fail(Throwable e) {
        failure.compareAndSet(null, e);
        start.forceTermination();
        done.forceTermination();
        pipe.close();
    }

    /** Releases every worker for one round; returns at once. */
    void startRound() {
        checkHealthy(null);
        if (start.arrive() < 0) {
            checkHealthy(null);
            throw new IllegalStateException("the crew is closed");
        }
    }

    /** Waits for every consumer of this round; returns the sum of the values they received. */
    long awaitConsumers() throws InterruptedException {
        int phase = done.arrive();
        try {
            if (phase < 0 || done.awaitAdvanceInterruptibly(phase, ROUND_TIMEOUT_SECONDS, TimeUnit.SECONDS) < 0) {
                checkHealthy(null);
                throw new IllegalStateException("the crew is closed");
            }
        } catch (TimeoutException e) {
            checkHealthy(e);
            throw new IllegalStateException("consumers did not finish within " + ROUND_TIMEOUT_SECONDS
                    + " s: a message was lost or a worker is stuck", e);
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
     * (what the caller saw: a timeout, a disconnected receive) suppressed.
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

    /** Stops the workers: terminates the phasers, interrupts any blocked in the queue, joins them. */
    @Override
    public void close() {
        start.forceTermination();
        done.forceTermination();
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
