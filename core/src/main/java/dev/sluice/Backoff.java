package dev.sluice;

/**
 * Backoff: exponential spinning, then yielding, for the short waits of lock-free loops.
 *
 * <p>Implementation notes. This is crossbeam-utils' {@code Backoff} recipe. {@link #spin()} is for
 * a failed CAS (another thread made progress: retry soon); {@link #snooze()} is for waiting on
 * another thread to finish a step (a stamp or a block link to be published), and after
 * {@code SPIN_LIMIT} rounds it yields the processor. {@link #isCompleted()} tells a blocking
 * operation that spinning no longer pays and it should register and park. On a virtual thread
 * {@link Thread#yield()} yields the carrier, which is what we want.
 *
 * <p>Not thread-safe: one instance per operation, on the stack.
 */
final class Backoff {
    /** 2^6 = 64 spin-wait hints per round at most. */
    private static final int SPIN_LIMIT = 6;
    /** After this many rounds, snoozing is considered done. */
    private static final int YIELD_LIMIT = 10;

    private int step;

    /** Spins for a short, exponentially growing time: use after a lost CAS race. */
    void spin() {
        for (int i = 0, n = 1 << Math.min(step, SPIN_LIMIT); i < n; i++) {
            Thread.onSpinWait();
        }
        if (step <= SPIN_LIMIT) {
            step++;
        }
    }

    /** Spins, then yields: use while waiting for another thread to publish something. */
    void snooze() {
        if (step <= SPIN_LIMIT) {
            for (int i = 0, n = 1 << step; i < n; i++) {
                Thread.onSpinWait();
            }
        } else {
            Thread.yield();
        }
        if (step <= YIELD_LIMIT) {
            step++;
        }
    }

    /** {@code true} once waiting longer should rather block. */
    boolean isCompleted() {
        return step > YIELD_LIMIT;
    }
}
