package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.BlockingGuard;
import dev.sluice.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The bridge's first use installs {@link ReactorBlockingGuard}. Runs alone in a fresh JVM (its own
 * Surefire execution, {@code guard-first-use} in this module's pom, excluded from the default
 * one), so no other test has loaded a bridge class or installed a guard before: the first
 * assertion proves that, and the test never calls {@code install()} itself. If the static
 * initializer of {@link ChannelFlux} stopped installing the guard, the second assertion fails.
 */
@Timeout(60)
class GuardFirstUseTest {

    @Test
    void the_first_use_of_ChannelFlux_installs_the_guard_in_a_fresh_JVM() {
        assertNull(BlockingGuard.installed(),
                "precondition: a fresh JVM has no guard yet (is this test running in its own fork?)");
        ChannelFlux.from(Channel.<Integer>unbounded().receiver());
        assertTrue(ReactorBlockingGuard.isInstalled(), "installed: " + BlockingGuard.installed());
    }
}
