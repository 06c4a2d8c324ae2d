package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Deadline: a point on the {@link System#nanoTime()} clock, or "never".
 *
 * <p>Timeouts are converted once, at the API boundary, so the flavors only compare
 * {@code deadline - System.nanoTime()}. A timeout too large to represent (more than about 146
 * years, {@code Duration.ofSeconds(Long.MAX_VALUE)}, {@link Instant#MAX}) means "wait forever":
 * it never overflows into the past.
 */
final class Deadline {
    /** Timeouts at least this long are treated as infinite (about 146 years). */
    private static final long FOREVER_NANOS = Long.MAX_VALUE >> 1;

    /** The sentinel meaning "no deadline". Compared by identity of {@link #NEVER}. */
    static final Deadline NEVER = new Deadline(0L);

    /** The {@code System.nanoTime()} value at which the operation gives up. */
    final long nanoTime;

    private Deadline(long nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The deadline {@code timeout} from now; negative timeouts mean "now". */
    static Deadline after(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long nanos = saturatedNanos(timeout);
        if (nanos >= FOREVER_NANOS) {
            return NEVER;
        }
        return new Deadline(System.nanoTime() + Math.max(0L, nanos));
    }

    /** The deadline at the wall-clock instant {@code at}, mapped onto the monotonic clock. */
    static Deadline at(Instant at) {
        Objects.requireNonNull(at, "deadline");
        return after(Duration.between(Instant.now(), at));
    }

    boolean isNever() {
        return this == NEVER;
    }

    /** Nanoseconds left; zero or negative once passed. Not meaningful for {@link #NEVER}. */
    long remainingNanos() {
        return nanoTime - System.nanoTime();
    }

    /** {@code true} once a finite deadline has passed. */
    boolean hasPassed() {
        return this != NEVER && remainingNanos() <= 0L;
    }

    private static long saturatedNanos(Duration d) {
        if (d.isNegative()) {
            return 0L;
        }
        if (d.getSeconds() >= FOREVER_NANOS / 1_000_000_000L) {
            return FOREVER_NANOS;
        }
        return d.toNanos();
    }
}
