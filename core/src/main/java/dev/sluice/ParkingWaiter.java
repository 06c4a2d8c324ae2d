package dev.sluice;

import java.util.concurrent.locks.LockSupport;

/**
 * ParkingWaiter: a {@link Waiter} for a blocked thread, which spins briefly and then parks.
 *
 * <p>Implementation notes. {@link #await} is crossbeam's {@code Context::wait_until}: spin and
 * snooze a little (a counterpart is often only nanoseconds away; skipped by callers that already
 * backed off), then park until selected, the
 * deadline passes or the thread is interrupted. The last two abort the wait with a CAS; if that
 * CAS loses, someone selected us concurrently and their outcome stands. Parking uses
 * {@link LockSupport}, never a monitor, so a virtual thread unmounts instead of pinning its
 * carrier. Spurious wake-ups are harmless: the state word is re-read every time.
 *
 * <p>Interruption does not clear the thread's interrupt status here: the flavor decides. The
 * array and list flavors go round their loop again, so they retry the operation without blocking
 * and throw {@link InterruptedException} (at their next yield) only if it still did not succeed;
 * the zero flavor throws at once, since an unselected rendezvous waiter transferred nothing. If
 * the operation was selected first, it completes and the interrupt status stays set for the
 * caller's next blocking call. Either way nothing is lost or duplicated.
 *
 * <p>Reuse. Each thread caches one waiter ({@link #acquire()} / {@link #release()}), so blocking
 * in steady state allocates nothing. Reuse is safe because a waiter is released only after it
 * left every waker list (selected and removed by its selector, or unregistered by its owner);
 * a selector that still holds a stale reference can at most call {@link #wake()}, a spurious
 * unpark that the park loop tolerates. The zero flavor reads a sending waiter's packet under its
 * lock, before the owner can observe the selection, so reuse never races with a packet read.
 * A nested blocking call on the same thread (only possible from a misbehaving watch callback)
 * gets a fresh waiter.
 */
final class ParkingWaiter extends Waiter implements Blocking.Parkable {
    private static final ThreadLocal<ParkingWaiter> CACHE = ThreadLocal.withInitial(ParkingWaiter::new);

    /** {@code true} while the cached waiter serves an operation of its thread. */
    private boolean inUse;

    private ParkingWaiter() {
        super(Thread.currentThread());
    }

    /** A waiter for the current thread, in state {@code WAITING} with an empty packet. */
    static ParkingWaiter acquire() {
        ParkingWaiter cached = CACHE.get();
        if (cached.inUse) {
            return new ParkingWaiter();
        }
        cached.inUse = true;
        cached.reset();
        return cached;
    }

    /** Returns the waiter to its thread's cache; it must no longer be in any waker list. */
    void release() {
        packet = null;
        inUse = false;
    }

    /** Parks the owner until this waiter leaves {@code WAITING}; returns the final state. */
    int await(Deadline deadline) {
        return Blocking.park(this, deadline, true);
    }

    /**
     * As {@link #await(Deadline)}; {@code spinFirst = false} parks at once, for callers that
     * already backed off (spun and yielded) before registering, as the buffered flavors do:
     * backing off twice only burns the CPU the counterpart needs.
     */
    int await(Deadline deadline, boolean spinFirst) {
        return Blocking.park(this, deadline, spinFirst);
    }

    @Override
    public int abortWait() {
        return trySelect(ABORTED) ? ABORTED : lvState();
    }

    @Override
    void wake() {
        LockSupport.unpark(owner);
    }
}
