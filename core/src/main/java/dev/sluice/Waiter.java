package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Waiter: one pending operation registered with a {@link Waker}, selected at most once.
 *
 * <p>Implementation notes. This is crossbeam's {@code Context}/{@code Selected} pair. A waiter
 * starts {@link #WAITING}; exactly one party moves it out of that state with a CAS:
 * <pre>
 *   WAITING --notify/pairing--> OPERATION      (a counterpart made the operation possible or
 *                                               already performed it, see below)
 *   WAITING --disconnect------> DISCONNECTED   (the other side of the channel is gone)
 *   WAITING --owner gives up--> ABORTED        (deadline, interruption, "ready just now"
 *                                               re-check, cancelled watch or future)
 * </pre>
 * The CAS is the linearization point of the hand-off: whoever wins decides, and the loser must
 * leave the waiter alone. After a successful selection the selector calls {@link #wake()} once,
 * <em>outside</em> any lock, because an asynchronous waiter runs a callback that may re-enter the
 * channel.
 *
 * <p>What {@code OPERATION} means depends on the flavor. For the array and list flavors it is only
 * a hint: "there may be room (or a message) now, try again". For the zero (rendezvous) flavor the
 * transfer has already happened under the flavor's lock: a sending waiter's {@link #packet} has
 * been taken, or a receiving waiter's {@link #packet} has been filled. A {@link Select}
 * registers one waiter per operation, each in its channel's list, all sharing one state word
 * ({@link SelectArm} overrides {@link #trySelect}).
 *
 * <p>The {@link #owner} is the thread that registered the waiter (the one to unpark); asynchronous
 * waiters have none. Pairing does not look at it: the rendezvous rule is that one
 * <em>operation</em> never pairs with itself (one blocking call, one select, one async
 * operation), while two independent operations of one thread may meet, as in crossbeam, whose
 * threads never have two. An operation is identified by {@link #operation()}: the waiter itself,
 * or for the several waiters of one select, their shared selection.
 *
 * <p>{@link #handle} is the handle the operation was called on, so that closing that handle can
 * abort the wait ({@link Waker#abortWaitersOf}). The links {@link #prev}, {@link #next} and
 * {@link #list} belong to {@link WaiterList} and are guarded by the lock of the list's waker.
 */
abstract class Waiter {
    static final int WAITING = 0;
    static final int OPERATION = 1;
    static final int ABORTED = 2;
    static final int DISCONNECTED = 3;

    /** {@code WAITING | OPERATION | ABORTED | DISCONNECTED}; moves out of WAITING once. */
    private volatile int state;

    /**
     * Zero flavor only: the message carried by a sending waiter, or delivered to a receiving one.
     * Written before the selecting CAS and read after observing the selected state, so the
     * volatile {@link #state} orders it; plain field otherwise.
     */
    Object packet;

    /** The registering thread, or {@code null} for an asynchronous waiter. */
    final Thread owner;

    /** The handle whose {@code close()} aborts this wait, or {@code null}. Plain: set before registering. */
    Object handle;

    // Links of the WaiterList this waiter is in; guarded by that list's lock.
    Waiter prev;
    Waiter next;
    WaiterList list;

    Waiter(Thread owner) {
        this.owner = owner;
    }

    /** The operation this waiter serves: waiters of one operation never pair with each other. */
    Object operation() {
        return this;
    }

    /** Moves this waiter from WAITING to {@code outcome}; {@code true} if this call did it. */
    boolean trySelect(int outcome) {
        return STATE.compareAndSet(this, WAITING, outcome);
    }

    /**
     * Moves a selected waiter back to {@code WAITING}, for a re-armed watch; {@code true} if this
     * call did it. A selected waiter is in no list (wakers unlink before they select).
     */
    final boolean tryRearm() {
        return STATE.compareAndSet(this, OPERATION, WAITING);
    }

    /** Back to {@code WAITING} for reuse; only when no waker list references this waiter. */
    final void reset() {
        packet = null;
        handle = null;
        state = WAITING;
    }

    /** The current state (volatile read). */
    public final int lvState() {
        return state;
    }

    /** Lets the selected waiter proceed: unpark its thread or run its continuation. */
    abstract void wake();

    /**
     * For an observer: {@code true} if a notification should select it now. Only a room-threshold
     * watch ({@link Sender#watchSendable(int, Runnable)}) says no, while the room it waits for is
     * not there yet; it then stays registered and untouched (see {@link Waker#takeObservers}).
     */
    boolean wantsNotification() {
        return true;
    }

    // VarHandle mechanics
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Waiter.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
