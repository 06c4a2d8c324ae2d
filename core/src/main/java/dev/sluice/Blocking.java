package dev.sluice;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Blocking: the one recipe of every blocking operation (the buffered flavors' send and receive,
 * a timer's receive, {@link Select}), and the one park loop of every waiting thread.
 *
 * <p>Implementation notes. crossbeam's recipe ({@code flavors/array.rs} {@code send}/{@code recv},
 * {@code select.rs} {@code run_select}):
 * <pre>
 *   loop:
 *     1. attempt, backing off between attempts (Backoff: spin, then yield), while a
 *        counterpart is likely only nanoseconds away; check the interrupt status before each
 *        yield, so a busy loop sharing one CPU with its counterpart can be stopped;
 *     2. deadline passed: op.expired() (a result, or try again);
 *     3. interrupt status set: throw InterruptedException (nothing was transferred);
 *     4. op.park(deadline): register, re-check "ready just now?" (abort the wait if so), park
 *        until selected, the deadline, an interrupt or the handle's close, unregister;
 *        a result, or go round again (a selection is a hint to retry).
 * </pre>
 * An operation supplies only the steps that differ ({@link Op}); the order, the backoff and the
 * interrupt checks live here once. The caller makes its first attempt itself, before it builds an
 * {@code Op}, so the fast path allocates nothing and makes no extra call.
 *
 * <p>{@link #park} is the park loop of {@link ParkingWaiter} and {@link Selection}: snooze a
 * little (unless the caller already backed off), then park with {@link LockSupport} (never a
 * monitor, so a virtual thread unmounts) until the state word leaves its waiting value, the
 * deadline passes or the thread is interrupted; the last two abort the wait with a CAS, and if
 * that CAS loses, the selection that won stands. The interrupt status is left set for the
 * caller to act on. Spurious wake-ups are harmless: the state word is re-read every time.
 */
final class Blocking {
    private Blocking() {
    }

    /** The steps of one blocking operation that differ between operations. */
    interface Op {
        /** One non-blocking attempt: the outcome, or {@link Signal#EMPTY} to keep waiting. */
        Object attempt();

        /** Backs off between two attempts; returns the next backoff step. */
        default int pause(int backoff) throws InterruptedException {
            return Backoff.snooze(backoff);
        }

        /** The deadline has passed: the outcome to report, or {@link Signal#EMPTY} to try again. */
        Object expired();

        /**
         * Waits once: register, re-check, park, unregister. The outcome, or
         * {@link Signal#EMPTY} to go round again.
         */
        Object park(Deadline deadline) throws InterruptedException;
    }

    /** Runs {@code op} by the recipe until it has an outcome. */
    static Object await(Op op, Deadline deadline) throws InterruptedException {
        for (;;) {
            int backoff = Backoff.START;
            for (;;) {
                Object r = op.attempt();
                if (r != Signal.EMPTY) {
                    return r;
                }
                if (Backoff.isCompleted(backoff)) {
                    break;
                }
                if (Backoff.yields(backoff) && Thread.interrupted()) {
                    throw new InterruptedException();   // nothing was claimed
                }
                backoff = op.pause(backoff);
            }
            Object r;
            if (deadline.hasPassed()) {
                r = op.expired();
            } else {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                r = op.park(deadline);
            }
            if (r != Signal.EMPTY) {
                return r;
            }
        }
    }

    /**
     * An operation of a buffered flavor or a timer: it waits on one {@link SyncWaker} for a
     * readiness predicate, as a blocked thread on behalf of {@code handle}.
     */
    abstract static class OnWaker implements Op {
        private final SyncWaker side;
        private final BooleanSupplier ready;
        private final HandleState handle;
        private final Object timeout;

        OnWaker(SyncWaker side, BooleanSupplier ready, HandleState handle, Object timeout) {
            this.side = side;
            this.ready = ready;
            this.handle = handle;
            this.timeout = timeout;
        }

        @Override
        public final Object expired() {
            return timeout;
        }

        /** The deadline to park until; a timer moves it up to its next delivery. */
        Deadline parkUntil(Deadline deadline) {
            return deadline;
        }

        @Override
        public final Object park(Deadline deadline) {
            side.parkUntilReady(parkUntil(deadline), ready, handle);
            if (handle.isClosed()) {
                side.notifyOne();               // a selection we will not use goes to the next waiter
                throw handle.closedWhileWaiting();
            }
            return Signal.EMPTY;
        }
    }

    /** A receive that waits on {@code side}: its attempt is the flavor's {@code tryRecv}. */
    static class Recv extends OnWaker {
        private final RecvFlavor<?> flavor;

        Recv(RecvFlavor<?> flavor, SyncWaker side, BooleanSupplier ready, HandleState handle) {
            super(side, ready, handle, Signal.TIMEOUT);
            this.flavor = flavor;
        }

        @Override
        public final Object attempt() {
            return flavor.tryRecv();
        }
    }

    // ==== The park loop ====

    /** A state word a thread parks on: {@link #WAITING} until someone moves it once. */
    interface Parkable {
        /** The waiting value of every state word. */
        int WAITING = 0;

        /** The current state (a volatile read). */
        int lvState();

        /** The owner gives up: CAS from WAITING to aborted; returns the final state either way. */
        int abortWait();
    }

    /**
     * Parks the current thread until {@code p} leaves {@link Parkable#WAITING}, the deadline or
     * an interrupt (which abort it); returns the final state. {@code spinFirst = false} parks at
     * once, for callers that already backed off before they registered.
     */
    static int park(Parkable p, Deadline deadline, boolean spinFirst) {
        int backoff = spinFirst ? Backoff.START : Backoff.DONE;
        while (!Backoff.isCompleted(backoff)) {
            int s = p.lvState();
            if (s != Parkable.WAITING) {
                return s;
            }
            backoff = Backoff.snooze(backoff);
        }
        for (;;) {
            int s = p.lvState();
            if (s != Parkable.WAITING) {
                return s;
            }
            if (Thread.currentThread().isInterrupted() || deadline.hasPassed()) {
                return p.abortWait();
            }
            if (deadline.isNever()) {
                LockSupport.park(p);
            } else {
                LockSupport.parkNanos(p, deadline.remainingNanos());
            }
        }
    }
}
