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
 * <p>Spinning (issue 10; only callers that did not back off, i.e. the zero flavor). Crossbeam's
 * schedule is seven rounds of 1, 2, 4 .. 64 spin-wait hints (127), then yields, then park, with
 * the state read once per round. A hint costs 65-160 ns on the 2-vCPU test VM (measured), so
 * that was ~10 us of spinning before the first yield, and a hand-off was noticed up to ~5 us
 * late. Now [a] the state is read after every hint and [b] a round has at most 8 hints
 * ({@link Backoff#hints}: 39 in seven rounds, ~3 us), then 4 yields, then park. On two
 * oversubscribed cores the partner is often not running, and spinning only delays the yield
 * that lets it run: measured 1.5-1.9x on rendezvous cells at load 2-5 (benchmarks/proposals). A per-thread
 * adaptive budget (grow on a hand-off caught while spinning, shrink otherwise) was tried and
 * rejected: at load 1.2-3.7 it cut spsc rendezvous to 0.1-0.2x (benchmarks/proposals/README.md).
 *
 * <p>Wake-ups are skipped while the owner spins (issue 10, after {@code LinkedTransferQueue}'s
 * {@code waiter} field): the owner sets the volatile {@link #parked} before its last state
 * re-check and park; a selector CASes the state word and then reads {@code parked}, and unparks
 * only if it is set. Both sides are volatile (sequentially consistent), so either the owner's
 * re-check sees the selection or the selector sees {@code parked} and unparks: no lost wake-up.
 * {@code parked} is cleared when {@code await} returns, so the next operation of the thread starts
 * spinning with it clear.
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
final class ParkingWaiter extends Waiter {
    /** Spinning rounds 0..6 of Backoff's hints (1, 2, 4, 8, 8, 8, 8: 39 hints), as many as crossbeam's. */
    private static final int SPIN_ROUNDS = 6;
    /** Yields after the spinning rounds, before parking (as Backoff's snooze: 4). */
    private static final int YIELDS = 4;
    private static final ThreadLocal<ParkingWaiter> CACHE = ThreadLocal.withInitial(ParkingWaiter::new);

    /** {@code true} while the cached waiter serves an operation of its thread. */
    private boolean inUse;

    /**
     * {@code true} from just before the owner's first park in an {@link #await} until that await
     * returns: {@link #wake()} unparks only then (Dekker with the state word, see the header).
     */
    private volatile boolean parked;


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
        return await(deadline, true);
    }

    /**
     * As {@link #await(Deadline)}; {@code spinFirst = false} parks at once, for callers that
     * already backed off (spun and yielded) before registering, as the array and list flavors do:
     * backing off twice burned CPU the contended cells needed (issue 10, measured with the
     * whole-run harness: benchmarks/proposals/README.md).
     */
    int await(Deadline deadline, boolean spinFirst) {
        if (spinFirst) {
            for (int step = Backoff.START; step <= SPIN_ROUNDS + YIELDS; step++) {
                if (step > SPIN_ROUNDS) {
                    int s = lvState();
                    if (s != WAITING) {
                        return s;
                    }
                    Thread.yield();
                } else {
                    for (int i = 0, n = Backoff.hints(step); i < n; i++) {
                        int s = lvState();                 // after every hint (header, [a])
                        if (s != WAITING) {
                            return s;
                        }
                        Thread.onSpinWait();
                    }
                }
            }
        }
        return park(deadline);
    }

    private int park(Deadline deadline) {
        parked = true;                               // volatile write, then the state re-read below
        try {
            for (;;) {
                int s = lvState();
                if (s != WAITING) {
                    return s;
                }
                if (Thread.currentThread().isInterrupted() || deadline.hasPassed()) {
                    return trySelect(ABORTED) ? ABORTED : lvState();
                }
                if (deadline.isNever()) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, deadline.remainingNanos());
                }
            }
        } finally {
            parked = false;
        }
    }

    /**
     * Unparks the owner only if it parks or is about to: a selection that lands while the owner
     * still spins is seen by its next state read, and skipping the unpark saves the selector
     * {@code Unsafe.unpark}'s mutex round trip and the owner a stale permit (a wasted park loop on
     * its next wait). Called after the selecting CAS; see the header for why no wake-up is lost.
     */
    @Override
    void wake() {
        if (parked) {
            LockSupport.unpark(owner);
        }
    }
}
