package dev.sluice.spring.autoconfigure;

import dev.sluice.BlockingGuard;
import dev.sluice.reactor.ReactorBlockingGuard;
import java.util.function.Predicate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * Sets core's {@link BlockingGuard} when the application starts, per
 * {@code sluice.blocking-guard.enabled}, and puts back what was there when it closes.
 *
 * <p>Enabled (the default): installs the Reactor bridge's guard
 * ({@link ReactorBlockingGuard}: a blocking {@code send}/{@code recv} on a Reactor non-blocking
 * thread throws at once), unless the application installed a test of its own, which is left
 * alone. Disabled: replaces the Reactor guard (or an empty slot) with a test that allows
 * everything, so that the bridge's automatic installation (which only fills an empty slot) stays
 * off too; an application's own test is again left alone.
 *
 * <p>The guard is process-wide (a static slot in core): {@link #destroy()} restores the previous
 * test only if the slot still holds the one installed here.
 */
public class SluiceBlockingGuard implements InitializingBean, DisposableBean {
    /** The test installed when the guard is disabled: no thread is refused. */
    static final Predicate<Thread> ALLOW_ALL = new Predicate<>() {
        @Override
        public boolean test(Thread thread) {
            return false;
        }

        @Override
        public String toString() {
            return "no blocking guard (sluice.blocking-guard.enabled=false)";
        }
    };

    private final boolean enabled;
    private Predicate<Thread> previous;
    private Predicate<Thread> installed;

    /** Installs the Reactor guard if {@code enabled}, the allow-all test otherwise. */
    public SluiceBlockingGuard(boolean enabled) {
        this.enabled = enabled;
    }

    @Override
    public synchronized void afterPropertiesSet() {
        previous = BlockingGuard.installed();
        if (enabled) {
            if (previous == null || previous == ALLOW_ALL) {
                ReactorBlockingGuard.install();
            }
        } else if (previous == null || ReactorBlockingGuard.isInstalled()) {
            BlockingGuard.install(ALLOW_ALL);
        }
        installed = BlockingGuard.installed();
    }

    @Override
    public synchronized void destroy() {
        if (installed != null && BlockingGuard.installed() == installed && installed != previous) {
            BlockingGuard.install(previous);
        }
    }
}
