package dev.sluice;

import java.time.Duration;

/**
 * StressSupport: sizes and bounds shared by the {@code *StressTest} classes.
 *
 * <p>Quick sizes keep the whole stress set under a minute on two busy cores. For a soak:
 * <pre>
 *   ./mvnw -B -pl core test -Pstress -Dtest='*StressTest'
 * </pre>
 * ({@code -Pstress} sets {@code -Dstress=long}, which multiplies every size by {@link #LONG_FACTOR}.)
 */
final class StressSupport {
    static final boolean LONG = "long".equalsIgnoreCase(System.getProperty("stress", "quick"));
    static final int LONG_FACTOR = 25;

    /** A wait that only a hang or a lost wake-up can exhaust. */
    static final Duration PATIENCE = Race.HANG;

    private StressSupport() {
    }

    /** {@code quick}, or {@code quick * LONG_FACTOR} under {@code -Dstress=long}. */
    static int scaled(int quick) {
        return LONG ? quick * LONG_FACTOR : quick;
    }
}
