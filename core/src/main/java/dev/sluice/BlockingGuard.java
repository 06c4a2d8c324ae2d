package dev.sluice;

import java.util.function.Predicate;

/**
 * BlockingGuard: a process-wide hook that makes blocking channel calls fail fast on threads that
 * must never block (an event loop), instead of stalling them.
 *
 * <p>Core knows nothing of any framework; an integration installs the test. The Reactor bridge
 * installs "is this a Reactor non-blocking thread?", so a {@code recv()} on a Netty event loop
 * throws at once, as Reactor's own {@code block()} does:
 *
 * <pre>{@code
 * BlockingGuard.install(t -> t instanceof reactor.core.scheduler.NonBlocking);
 * }</pre>
 *
 * <p>The check runs on entry to every operation that may wait: {@code send}, {@code sendTimeout},
 * {@code sendDeadline}, {@code recv}, {@code recvTimeout}, {@code recvDeadline} and blocking
 * iteration. Non-blocking ({@code try*}), asynchronous and watch operations are never checked,
 * and neither are sends on an unbounded channel, which never wait (an event-loop handler may hand
 * work to a blocking thread through one, as Rust code does with {@code mpsc::channel()}).
 */
public final class BlockingGuard {
    private static volatile Predicate<Thread> forbidsBlocking;

    private BlockingGuard() {
    }

    /**
     * Installs {@code test}: a blocking call on a thread for which it returns {@code true} throws
     * {@link IllegalStateException}. Replaces any previous test; {@code null} removes it.
     */
    public static void install(Predicate<Thread> test) {
        forbidsBlocking = test;
    }

    /** The installed test, or {@code null}. */
    public static Predicate<Thread> installed() {
        return forbidsBlocking;
    }

    static void check(String operation) {
        Predicate<Thread> test = forbidsBlocking;
        if (test != null) {
            Thread current = Thread.currentThread();
            if (test.test(current)) {
                throw new IllegalStateException(operation + " would block the thread " + current.getName()
                        + ", which must not block; use the non-blocking, async or reactive API instead");
            }
        }
    }
}
