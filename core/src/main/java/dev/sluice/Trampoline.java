package dev.sluice;

import java.util.ArrayDeque;

/**
 * Trampoline: runs readiness callbacks one after another on the thread that fired them, never
 * nested inside each other.
 *
 * <p>Implementation notes. A callback ({@link CallbackWaiter}: a watch, an asynchronous
 * operation's continuation) runs on the thread that made the channel ready, after that thread
 * released every channel lock. A callback usually retries an operation, which may make another
 * channel side ready and fire another callback, and so on: run directly, that recursion has no
 * depth limit, and, worse, it puts foreign code (a future's dependent stages) inside the
 * operation that fired it. So each thread keeps a queue: the outermost {@link #run} executes its
 * callback and then everything queued meanwhile; nested calls only enqueue.
 *
 * <p>{@link #hold()} / {@link #release(boolean)} bracket a short critical window in which no
 * callback may run on this thread at all (an asynchronous attempt, see {@link PollingFuture}):
 * callbacks fired inside it wait in the queue until the window closes. That keeps such windows
 * free of foreign code, so another thread that waits for a window to close waits only for channel
 * operations, never for a callback of its own.
 *
 * <p>A callback that throws does not stop the others: the first exception is rethrown once the
 * queue is empty, later ones are added to it as suppressed.
 */
final class Trampoline {
    private static final ThreadLocal<Trampoline> LOCAL = ThreadLocal.withInitial(Trampoline::new);

    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean active;

    private Trampoline() {
    }

    /** Runs {@code callback} now, or after the callback (or window) this thread is in. */
    static void run(Runnable callback) {
        Trampoline t = LOCAL.get();
        if (t.active) {
            t.queue.addLast(callback);
            return;
        }
        t.active = true;
        t.drain(callback);
    }

    /** Opens a window without callbacks; returns what to pass to {@link #release}. */
    static boolean hold() {
        Trampoline t = LOCAL.get();
        boolean outer = !t.active;
        t.active = true;
        return outer;
    }

    /** Closes the window opened by {@link #hold()}; the outermost one runs what was queued. */
    static void release(boolean outer) {
        if (outer) {
            LOCAL.get().drain(null);
        }
    }

    private void drain(Runnable first) {
        Throwable failure = null;
        try {
            for (Runnable next = first != null ? first : queue.pollFirst(); next != null; next = queue.pollFirst()) {
                try {
                    next.run();
                } catch (RuntimeException | Error e) {
                    if (failure == null) {
                        failure = e;
                    } else if (failure != e) {
                        failure.addSuppressed(e);
                    }
                }
            }
        } finally {
            active = false;
        }
        if (failure instanceof RuntimeException) {
            throw (RuntimeException) failure;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }
}
