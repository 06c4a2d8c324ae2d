package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * PollingFuture: an asynchronous send or receive on a buffered channel, built from a
 * non-blocking attempt and a one-shot watch.
 *
 * <p>Implementation notes. {@link #drain()} is Reactor's work-in-progress loop: the first caller
 * runs attempts, re-entrant or concurrent callers only count a missed round. One round: move
 * {@code PENDING -> TRYING}, attempt; if the channel was not ready, register a watch whose
 * callback is {@code drain} again, then go back to {@code PENDING}. A watch that fires at once
 * (ready "just now") re-enters {@code drain}, which counts a missed round, so no wake-up is lost.
 *
 * <pre>
 *   PENDING --drain--> TRYING --attempt succeeded--> FINISHED (completed by the channel)
 *      ^                  |
 *      +---not ready------+ (watch registered)
 *   PENDING --tryAbort--> FINISHED (cancelled from outside; watch cancelled)
 * </pre>
 *
 * {@link #tryAbort()} may only win from {@code PENDING}: while an attempt is in flight on another
 * thread it spins (a non-blocking attempt takes nanoseconds), so a message is never taken from the
 * channel for a future that was cancelled. On the attempting thread itself (a watch callback run
 * by the attempt's own successful operation) it returns {@code false} at once: the message has
 * already moved.
 */
final class PollingFuture<V> extends ChannelFuture<V> {
    private static final int PENDING = 0;
    private static final int TRYING = 1;
    private static final int FINISHED = 2;

    private volatile int state;
    private volatile int wip;
    /** The outstanding watch; written before the PENDING store that publishes it. */
    private Watch watch;
    /** The thread running an attempt (state TRYING), else null. */
    private volatile Thread attempting;

    /** One non-blocking attempt; returns {@code true} if it completed the future. */
    private final Predicate<PollingFuture<V>> attempt;
    private final Function<Runnable, Watch> watcher;

    private PollingFuture(Predicate<PollingFuture<V>> attempt, Function<Runnable, Watch> watcher) {
        this.attempt = attempt;
        this.watcher = watcher;
    }

    @SuppressWarnings("unchecked")
    static <T> PollingFuture<T> recv(Flavor<T> flavor, Supplier<? extends Throwable> disconnected) {
        PollingFuture<T> future = new PollingFuture<>(self -> {
            Object r = flavor.tryRecv();
            if (r == Signal.EMPTY) {
                return false;
            }
            if (r == Signal.DISCONNECTED) {
                self.failInternally(disconnected.get());
            } else {
                self.completeInternally((T) r);
            }
            return true;
        }, flavor::watchRecv);
        future.drain();
        return future;
    }

    static <T> PollingFuture<Void> send(Flavor<T> flavor, T msg, Supplier<? extends Throwable> disconnected) {
        PollingFuture<Void> future = new PollingFuture<>(self -> {
            TrySendResult r = flavor.trySend(msg);
            if (r == TrySendResult.FULL) {
                return false;
            }
            if (r == TrySendResult.DISCONNECTED) {
                self.failInternally(disconnected.get());
            } else {
                self.completeInternally(null);
            }
            return true;
        }, flavor::watchSend);
        future.drain();
        return future;
    }

    private void drain() {
        if ((int) WIP.getAndAdd(this, 1) != 0) {
            return;
        }
        int missed = 1;
        do {
            if (STATE.compareAndSet(this, PENDING, TRYING)) {
                attempting = Thread.currentThread();
                boolean finished;
                try {
                    finished = attempt.test(this);
                } finally {
                    attempting = null;
                }
                if (finished) {
                    state = FINISHED;
                } else {
                    watch = watcher.apply(this::drain);   // may re-enter drain: a missed round
                    state = PENDING;
                }
            }
            missed = (int) WIP.getAndAdd(this, -missed) - missed;
        } while (missed != 0);
    }

    @Override
    boolean tryAbort() {
        for (;;) {
            int s = state;
            if (s == FINISHED) {
                return false;
            }
            if (s == TRYING && attempting == Thread.currentThread()) {
                // Re-entrant: a watch callback run by our own attempt, after it transferred the
                // message (callbacks run only after a successful operation). Waiting would hang.
                return false;
            }
            if (s == PENDING && STATE.compareAndSet(this, PENDING, FINISHED)) {
                Watch w = watch;
                if (w != null) {
                    w.cancel();
                }
                return true;
            }
            Thread.onSpinWait();                          // an attempt is in flight
        }
    }

    // VarHandle mechanics
    private static final VarHandle STATE;
    private static final VarHandle WIP;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STATE = lookup.findVarHandle(PollingFuture.class, "state", int.class);
            WIP = lookup.findVarHandle(PollingFuture.class, "wip", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
