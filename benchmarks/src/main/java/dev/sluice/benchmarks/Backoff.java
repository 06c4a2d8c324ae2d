package dev.sluice.benchmarks;

import java.util.concurrent.locks.LockSupport;

/**
 * Backoff: how the anchors without a blocking side wait, one call per failed attempt.
 *
 * <p>{@link #spinThenYield} never parks: {@value #SPINS} spin hints ({@link Thread#onSpinWait()}),
 * then {@link Thread#yield()} on every further attempt, so two spinning threads sharing one CPU
 * (a {@code taskset -c 0} cell) still take turns. It is the "never park" ceiling's waiting, and a
 * ceiling only: it burns a core while idle. {@link #spinThenPark} is the usual hand-rolled
 * blocking loop (Spring Integration's, Reactor's {@code tryEmitNext} retry): {@value #SPINS} spin
 * hints, then a {@value #PARK_NANOS} ns {@link LockSupport#parkNanos} per attempt (the kernel
 * rounds it up to its timer slack).
 */
final class Backoff {
    /** Spin hints before yielding or parking. */
    static final int SPINS = 100;
    /** The park of {@link #spinThenPark} once the spins are spent. */
    static final long PARK_NANOS = 1_000;

    private Backoff() {
    }

    /**
     * Waits a little after failed attempt number {@code attempt} (0-based); never parks. Once
     * yielding, an interrupt ends the wait, so a harness can stop a spinner whose peer failed.
     */
    static void spinThenYield(int attempt) throws InterruptedException {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else {
            Thread.yield();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** Waits a little after failed attempt number {@code attempt} (0-based); parks once the spins are spent. */
    static void spinThenPark(int attempt) throws InterruptedException {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(PARK_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }
}
