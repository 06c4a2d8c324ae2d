package dev.sluice.reactor;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Await: waits for a condition that no event announces (a thread's state, a channel length),
 * polling briefly, and fails with a timeout instead of hanging. Never a fixed sleep.
 */
final class Await {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Await() {
    }

    static void until(String what, BooleanSupplier condition) {
        until(() -> what, condition);
    }

    /** As {@link #until(String, BooleanSupplier)}, describing the state only on failure. */
    static void until(Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String description = what.get();
                throw new AssertionError("timed out after " + TIMEOUT + " waiting for: " + description,
                        new TimeoutException(description));
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

    /** {@code -Dstress=long} selects the full sizes of the stress tests. */
    static boolean longStress() {
        return "long".equals(System.getProperty("stress"));
    }
}
