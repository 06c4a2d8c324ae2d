package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * PollingFuture: an asynchronous send or receive on a buffered channel, built from a
 * non-blocking attempt and a registration as one of the side's waiting operations.
 *
 * <p>Implementation notes. One round: attempt ({@code trySend}/{@code tryRecv}); if the channel
 * was not ready, register a {@link CallbackWaiter} as a <em>selector</em> of the side, so that a
 * notification picks this operation alone (not every pending future: no thundering herd), then
 * re-check readiness ("ready just now?") exactly as a blocked thread does, taking the waiter
 * back if so. When the waiter is selected its callback ({@link #onSelected}) runs the next round.
 *
 * <pre>
 *   TRYING --attempt succeeded/disconnected--> DONE      (completed by the channel)
 *   TRYING --not ready--> PENDING (waiter registered) --selected--> TRYING
 *   PENDING --tryAbort--> DONE                           (cancelled from outside)
 * </pre>
 *
 * Invariants. [1] At most one round runs at a time: a round starts from the creator, or from
 * the single winner of the waiter's CAS (a selection, or the creator's own "ready just now"
 * abort). [2] {@link #tryAbort()} wins only from PENDING, so a message is never taken for a
 * future that was cancelled. [3] A selection that finds the future cancelled passes the hint to
 * the next waiting operation ({@link WaitQueue#notifyOne}), so cancelling never loses a wake-up.
 *
 * <p>The TRYING window contains only the flavor's non-blocking operation: callbacks it fires
 * are held back by the {@link Trampoline} until the window has closed, and the future is
 * completed (running its dependents) only after that. So {@link #tryAbort()} meeting an attempt
 * of another thread waits only for that channel operation: it spins briefly, then parks (the
 * attempting thread unparks it; a timed park bounds the case of several cancellers). It never
 * spins unbounded, so a virtual thread cancelling never starves the carrier the attempt needs.
 */
final class PollingFuture<V> extends ChannelFuture<V> {
    private static final int TRYING = 0;
    private static final int PENDING = 1;
    private static final int DONE = 2;
    /** Longest park of a canceller that may have missed its unpark (several cancellers at once). */
    private static final long ABORT_PARK_NANOS = 100_000L;

    private volatile int state = TRYING;
    /** A canceller waiting for the current round to leave TRYING, or null. */
    private volatile Thread aborter;
    /** The waiter of the current PENDING round; written before PENDING is published. */
    private CallbackWaiter waiter;

    /** One non-blocking attempt: {@link Signal#EMPTY} if not ready, else the outcome. */
    private final Supplier<Object> attempt;
    private final WaitQueue side;
    private final BooleanSupplier ready;
    private final Supplier<? extends Throwable> disconnected;

    private PollingFuture(Supplier<Object> attempt, WaitQueue side, BooleanSupplier ready,
                          Supplier<? extends Throwable> disconnected) {
        this.attempt = attempt;
        this.side = side;
        this.ready = ready;
        this.disconnected = disconnected;
    }

    /** {@code recvAsync} on {@code flavor}, whose receivers wait on {@code side}. */
    static <T> PollingFuture<T> recv(RecvFlavor<T> flavor, WaitQueue side, BooleanSupplier receivable,
                                     Supplier<? extends Throwable> disconnected) {
        PollingFuture<T> future = new PollingFuture<>(flavor::tryRecv, side, receivable, disconnected);
        future.rounds();
        return future;
    }

    /** {@code sendAsync} on {@code flavor}, whose senders wait on {@code side}. */
    static <T> PollingFuture<Void> send(SendFlavor<T> flavor, WaitQueue side, BooleanSupplier sendable, T msg,
                                        Supplier<? extends Throwable> disconnected) {
        PollingFuture<Void> future = new PollingFuture<>(() -> {
            TrySendResult r = flavor.trySend(msg);
            return r == TrySendResult.FULL ? Signal.EMPTY : r == TrySendResult.OK ? Boolean.TRUE : Signal.DISCONNECTED;
        }, side, sendable, disconnected);
        future.rounds();
        return future;
    }

    /**
     * Runs rounds until one completes the future or leaves a registered waiter (state is TRYING
     * on entry). Callbacks fired meanwhile wait until the rounds are over, and the future is
     * completed after them, outside the TRYING window, even if one of them throws.
     */
    private void rounds() {
        Object outcome = null;
        boolean outer = Trampoline.hold();
        try {
            outcome = roundsInWindow();
        } finally {
            try {
                Trampoline.release(outer);
            } finally {
                if (outcome != null) {
                    finish(outcome);
                }
            }
        }
    }

    /** The rounds proper: the outcome to complete with, or {@code null} if a waiter is registered. */
    private Object roundsInWindow() {
        for (;;) {
            Object outcome;
            try {
                outcome = attempt.get();
            } catch (RuntimeException | Error e) {     // e.g. OutOfMemoryError allocating a block
                outcome = new Failure(e);
            }
            if (outcome != Signal.EMPTY) {
                state = DONE;
                wakeAborter();
                return outcome;
            }
            CallbackWaiter w = new CallbackWaiter(this::onSelected, side::unregister);
            waiter = w;
            state = PENDING;                               // from here tryAbort may win
            wakeAborter();
            side.register(w);                              // skipped if already cancelled
            if (!ready.getAsBoolean() || !w.trySelect(Waiter.ABORTED)) {
                return null;                               // a selection (or cancel) takes it from here
            }
            side.unregister(w);                            // ready just now: take the waiter back
            if (!STATE.compareAndSet(this, PENDING, TRYING)) {
                return null;                               // cancelled meanwhile
            }
        }
    }

    /** An attempt that threw: the future fails with it. */
    private static final class Failure {
        final Throwable error;

        Failure(Throwable error) {
            this.error = error;
        }
    }

    /** The waiter was selected: a notification (or disconnection) says "try again". */
    private void onSelected() {
        if (STATE.compareAndSet(this, PENDING, TRYING)) {
            rounds();
        } else {
            side.notifyOne();                              // cancelled: the hint goes to the next one
        }
    }

    @SuppressWarnings("unchecked")
    private void finish(Object outcome) {
        if (outcome == Signal.DISCONNECTED) {
            failInternally(disconnected.get());
        } else if (outcome instanceof Failure) {
            failInternally(((Failure) outcome).error);
        } else {
            completeInternally(outcome == Boolean.TRUE ? null : (V) outcome);
        }
    }

    private void wakeAborter() {
        Thread t = aborter;
        if (t != null) {
            aborter = null;
            LockSupport.unpark(t);
        }
    }

    @Override
    boolean tryAbort() {
        int backoff = Backoff.START;
        for (;;) {
            int s = state;
            if (s == DONE) {
                return false;
            }
            if (s == PENDING) {
                if (STATE.compareAndSet(this, PENDING, DONE)) {
                    CallbackWaiter w = waiter;
                    if (w.trySelect(Waiter.ABORTED)) {
                        side.unregister(w);
                    }                                      // else onSelected passes the hint on
                    return true;
                }
                continue;
            }
            // TRYING: another thread's attempt is in flight (a channel operation, no callbacks).
            if (!Backoff.yields(backoff)) {
                backoff = Backoff.spin(backoff);
                continue;
            }
            aborter = Thread.currentThread();
            if (state == TRYING) {
                LockSupport.parkNanos(this, ABORT_PARK_NANOS);
            }
        }
    }

    // VarHandle mechanics
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PollingFuture.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
