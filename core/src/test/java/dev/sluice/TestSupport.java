package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * TestSupport: helpers shared by the core test classes: started threads with a bounded join,
 * "is this thread blocked?" polling, draining, and stress sizes.
 *
 * <p>Rules the helpers enforce: every wait is bounded ({@link #WAIT}), a failure inside a spawned
 * thread is rethrown by {@link Spawned#get()}, and "a thread is blocked" is observed by polling
 * its {@link Thread.State} (never by sleeping): once the thread is {@code WAITING} or
 * {@code TIMED_WAITING} and nobody else touched the channel, it is parked inside the channel
 * operation, and whatever lets it go is what the test does next.
 */
final class TestSupport {
    /** The bound for any wait on another thread; a deadlock fails the test after this. */
    static final Duration WAIT = Duration.ofSeconds(10);

    /** A timeout short enough to expire in a test, long enough to make a thread park. */
    static final Duration SHORT = Duration.ofMillis(20);

    /** {@code -Dstress=long} (the {@code stress} Maven profile) selects the long sizes. */
    static final boolean LONG_STRESS = "long".equals(System.getProperty("stress"));

    private TestSupport() {
    }

    /** {@code quick} by default, {@code longer} with {@code -Dstress=long}. */
    static int scaled(int quick, int longer) {
        return LONG_STRESS ? longer : quick;
    }

    /** Starts a daemon platform thread running {@code body}. */
    static <V> Spawned<V> spawn(String name, Callable<V> body) {
        return new Spawned<>(name, body);
    }

    /** Starts a daemon platform thread running {@code body}, which returns nothing. */
    static Spawned<Void> run(String name, ThrowingRunnable body) {
        return new Spawned<>(name, () -> {
            body.run();
            return null;
        });
    }

    /**
     * Waits until {@code thread} is parked ({@code WAITING} or {@code TIMED_WAITING}), polling
     * its state; fails if it terminates or does not park within {@link #WAIT}.
     */
    static void awaitParked(Thread thread) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                return;
            }
            if (state == Thread.State.TERMINATED) {
                fail(thread.getName() + " terminated instead of blocking");
            }
            if (System.nanoTime() - deadline > 0) {
                fail(thread.getName() + " did not block within " + WAIT + "; state " + state);
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** Takes every message available now (non-blocking), in order. */
    static <T> List<T> drain(Receiver<T> rx) {
        List<T> out = new ArrayList<>();
        for (T msg : rx.tryIter()) {
            out.add(msg);
        }
        return out;
    }

    /** Sends {@code count} messages 0, 1, ... with {@code trySend}, each of which must succeed. */
    static void fill(Sender<Integer> tx, int count) {
        for (int i = 0; i < count; i++) {
            assertEquals(TrySendResult.OK, tx.trySend(i), "trySend #" + i);
        }
    }

    /** A body for {@link #run} that may throw. */
    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** A started thread and its outcome. */
    static final class Spawned<V> {
        final Thread thread;
        private final FutureTask<V> task;

        private Spawned(String name, Callable<V> body) {
            this.task = new FutureTask<>(body);
            this.thread = new Thread(task, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** The result, waiting at most {@link #WAIT}; rethrows what the body threw. */
        V get() throws Exception {
            try {
                return task.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception) {
                    throw (Exception) cause;
                }
                if (cause instanceof Error) {
                    throw (Error) cause;
                }
                throw e;
            } catch (TimeoutException e) {
                throw new AssertionError(thread.getName() + " did not finish within " + WAIT
                        + "; state " + thread.getState(), e);
            }
        }

        /** The exception the body threw, which must be of {@code type}. */
        <X extends Throwable> X failure(Class<X> type) throws Exception {
            try {
                V v = get();
                throw new AssertionError(thread.getName() + " returned " + v + " instead of throwing "
                        + type.getSimpleName());
            } catch (Exception | Error e) {
                if (type.isInstance(e)) {
                    return type.cast(e);
                }
                throw e;
            }
        }

        boolean isDone() {
            return task.isDone();
        }

        /** Waits until the thread is parked and checks that its body has not finished. */
        Spawned<V> awaitBlocked() {
            awaitParked(thread);
            assertFalse(task.isDone(), thread.getName() + " finished instead of blocking");
            return this;
        }
    }
}
