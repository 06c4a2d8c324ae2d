package dev.sluice;

/**
 * Backoff: exponential spinning, then yielding, for the short waits of lock-free loops.
 *
 * <p>Implementation notes. This is crossbeam-utils' {@code Backoff} recipe. {@link #spin} is for
 * a failed CAS (another thread made progress: retry soon); {@link #snooze} is for waiting on
 * another thread to finish a step (a stamp or a block link to be published), and after
 * {@code SPIN_LIMIT} rounds it yields the processor. {@link #isCompleted} tells a blocking
 * operation that spinning no longer pays and it should register and park; {@link #yields} tells
 * it that the next snooze gives the processor away (check the interrupt status first). On a virtual thread
 * {@link Thread#yield()} yields the carrier, which is what we want.
 *
 * <p>The state is a plain {@code int} step held in a local variable
 * ({@code step = Backoff.snooze(step)}), not an object: a per-operation {@code Backoff} object
 * was the only allocation on the bounded fast path (about 32 B per message in JMH's
 * {@code -prof gc}), and escape analysis did not remove it reliably.
 */
final class Backoff {
    /** The initial step. */
    static final int START = 0;
    /** 2^6 = 64 spin-wait hints per round at most. */
    private static final int SPIN_LIMIT = 6;
    /** After this many rounds, snoozing is considered done. */
    private static final int YIELD_LIMIT = 10;
    /** A step that is already completed: skip the backoff. */
    static final int DONE = YIELD_LIMIT + 1;

    private Backoff() {
    }

    /** Spins for a short, exponentially growing time: use after a lost CAS race. */
    static int spin(int step) {
        for (int i = 0, n = 1 << Math.min(step, SPIN_LIMIT); i < n; i++) {
            Thread.onSpinWait();
        }
        return step <= SPIN_LIMIT ? step + 1 : step;
    }

    /** Spins, then yields: use while waiting for another thread to publish something. */
    static int snooze(int step) {
        if (step <= SPIN_LIMIT) {
            for (int i = 0, n = 1 << step; i < n; i++) {
                Thread.onSpinWait();
            }
        } else {
            Thread.yield();
        }
        return step <= YIELD_LIMIT ? step + 1 : step;
    }

    /**
     * {@code true} if the next {@link #snooze} yields the processor: a blocking caller checks its
     * interrupt status before each yield, so a busy loop that shares one CPU with its
     * counterpart still notices an interrupt.
     */
    static boolean yields(int step) {
        return step > SPIN_LIMIT;
    }

    /** {@code true} once waiting longer should rather block. */
    static boolean isCompleted(int step) {
        return step > YIELD_LIMIT;
    }
}
