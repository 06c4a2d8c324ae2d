package dev.sluice.flow;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Await: waits for a condition that no event announces (a thread's state), polling briefly, and
 * fails with a timeout instead of hanging. Never a fixed sleep.
 */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for: " + what);
            }
            LockSupport.parkNanos(50_000);
        }
    }

    /** Waits until {@code thread} is parked (WAITING or TIMED_WAITING). */
    static void parked(Thread thread) {
        until(thread.getName() + " parked", () -> {
            Thread.State state = thread.getState();
            return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
        });
    }
}
