package dev.sluice.reactor;

import dev.sluice.BlockingGuard;
import java.util.function.Predicate;
import reactor.core.scheduler.NonBlocking;

/**
 * Makes blocking channel calls fail fast on Reactor's non-blocking threads.
 *
 * <p>A blocking {@code send}, {@code recv}, their timed forms or a blocking iteration called on a
 * thread that implements {@link NonBlocking} ({@code Schedulers.parallel()}, {@code single()},
 * Reactor Netty event loops) throws {@link IllegalStateException} at once, as Reactor's own
 * {@code block()} does, instead of stalling the event loop:
 *
 * <pre>{@code
 * Mono.fromCallable(() -> rx.recv())                 // recv() on a parallel thread ...
 *     .subscribeOn(Schedulers.parallel())
 *     .block();                                      // ... fails: IllegalStateException
 * Mono.fromCallable(() -> rx.recv())
 *     .subscribeOn(Schedulers.boundedElastic())      // fine: blocking work belongs here
 *     .block();
 * }</pre>
 *
 * <p><b>Installation.</b> The guard is installed automatically when {@link ChannelFlux} or
 * {@link ChannelSinks} is first used, unless another {@link BlockingGuard} test is already
 * installed (it is then left alone) or the system property {@code sluice.reactor.blockingGuard}
 * is {@code false}. Call {@link #install()} to install it explicitly (for example before any
 * bridge class is touched), {@link #uninstall()} to remove it. Non-blocking operations
 * ({@code try*}, {@code *Async}, watches) and the bridge's adapters are never affected.
 */
public final class ReactorBlockingGuard {
    /** The test installed into core: "is this a Reactor non-blocking thread?". */
    private static final Predicate<Thread> NON_BLOCKING_THREAD = new Predicate<>() {
        @Override
        public boolean test(Thread thread) {
            return thread instanceof NonBlocking;
        }

        @Override
        public String toString() {
            return "ReactorBlockingGuard(thread instanceof reactor.core.scheduler.NonBlocking)";
        }
    };

    private ReactorBlockingGuard() {
    }

    /** Installs the guard, replacing any other {@link BlockingGuard} test. */
    public static void install() {
        BlockingGuard.install(NON_BLOCKING_THREAD);
    }

    /** Removes the guard if it is the installed test; leaves any other test in place. */
    public static void uninstall() {
        synchronized (ReactorBlockingGuard.class) {
            if (BlockingGuard.installed() == NON_BLOCKING_THREAD) {
                BlockingGuard.install(null);
            }
        }
    }

    /** {@code true} if this guard is the installed {@link BlockingGuard} test. */
    public static boolean isInstalled() {
        return BlockingGuard.installed() == NON_BLOCKING_THREAD;
    }

    /**
     * The automatic installation done by the bridge's entry points: installs the guard only if no
     * test is installed yet and {@code -Dsluice.reactor.blockingGuard=false} is not set.
     */
    static void installByDefault() {
        if (!Boolean.parseBoolean(System.getProperty("sluice.reactor.blockingGuard", "true"))) {
            return;
        }
        synchronized (ReactorBlockingGuard.class) {
            if (BlockingGuard.installed() == null) {
                BlockingGuard.install(NON_BLOCKING_THREAD);
            }
        }
    }
}
