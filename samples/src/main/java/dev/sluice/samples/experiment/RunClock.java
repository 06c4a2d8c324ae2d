package dev.sluice.samples.experiment;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The common start and end of a run, fixed only once every thread of the run is running, and
 * the drain gate after the end.
 *
 * <p>Starting the clock before the threads are up would let a slow thread start (class loading,
 * a busy machine) eat into the run, or even miss all of it. Instead each thread calls
 * {@link #arriveAndAwaitStart()}, and the orchestrator, in {@link #startWhenReady}, waits for all
 * of them, sets {@code start} a little in the future and {@code end = start + duration}, and opens
 * the gate. The two instants are plain fields: written before {@code go.countDown()}, read after
 * {@code go.await()}, which orders the write before every read.
 *
 * <p>The drain gate: consumers that reach the end of the run wait in {@link #awaitDrain()} until
 * the orchestrator calls {@link #openDrain()}, so the backlog is still in the design while the
 * retained heap is measured. The gate also opens if the orchestrator fails (it opens it in
 * {@code finally}).
 */
final class RunClock {

    private final CountDownLatch ready;
    private final CountDownLatch go = new CountDownLatch(1);
    private final CountDownLatch drain = new CountDownLatch(1);
    private long start;
    private long end;

    /** A clock for {@code parties} threads. */
    RunClock(int parties) {
        this.ready = new CountDownLatch(parties);
    }

    /** Called by each thread of the run: says it is running, then waits for the start to be fixed. */
    void arriveAndAwaitStart() throws InterruptedException {
        ready.countDown();
        go.await();
    }

    /**
     * Waits (at most {@code readyTimeoutSeconds}) for every party, then fixes the start at
     * {@code now + delayNanos} and the end {@code durationNanos} later, and lets the parties go.
     * The gate opens even if a party is missing, so nobody waits forever; that case then throws.
     */
    void startWhenReady(long delayNanos, long durationNanos, long readyTimeoutSeconds) throws InterruptedException {
        boolean allReady = false;
        try {
            allReady = ready.await(readyTimeoutSeconds, TimeUnit.SECONDS);
        } finally {
            start = System.nanoTime() + delayNanos;
            end = start + durationNanos;
            go.countDown();
        }
        if (!allReady) {
            throw new IllegalStateException(ready.getCount() + " thread(s) of the run never started");
        }
    }

    /**
     * Opens the gate with a run of zero length if {@link #startWhenReady} was never reached (the
     * orchestrator failed while starting threads), so that no party waits forever. Called by the
     * orchestrator only, like {@code startWhenReady}.
     */
    void cancelIfNotStarted() {
        if (go.getCount() > 0) {
            start = System.nanoTime();
            end = start;
            go.countDown();
        }
    }

    /** The start instant ({@link System#nanoTime()} scale); valid after the gate opened. */
    long start() {
        return start;
    }

    /** The end instant; valid after the gate opened. */
    long end() {
        return end;
    }

    /** Called by a consumer at the end of the run: waits until the orchestrator lets it drain. */
    void awaitDrain() throws InterruptedException {
        drain.await();
    }

    /** Lets the consumers drain. Idempotent. */
    void openDrain() {
        drain.countDown();
    }
}
