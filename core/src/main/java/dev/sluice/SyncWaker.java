package dev.sluice;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * SyncWaker: a {@link Waker} behind a lock, with a lock-free "nobody is waiting" fast path.
 *
 * <p>Implementation notes. This is crossbeam's {@code SyncWaker}. Every successful send or
 * receive calls {@link #notifyOne()} on the opposite side, so that call must be nearly free when
 * nobody waits: it reads the volatile {@link #isEmpty} and returns. The lost-wake-up argument is
 * a Dekker handshake on two volatile variables, which Java orders totally (sequential
 * consistency for volatiles):
 * <pre>
 *   waiter:    register (isEmpty = false)   then  re-check the channel state  -> abort if ready
 *   notifier:  change the channel state      then  read isEmpty               -> select if false
 * </pre>
 * At least one of the two sees the other's write, so a waiter never sleeps through the change
 * that would have let it proceed. The same handshake covers closing a handle: the closer sets
 * the handle's {@code closed} flag, then aborts the waiters registered through it; a waiter
 * registers, then re-checks the flag.
 *
 * <p>A notification selects one waiting operation (a blocked thread or an asynchronous
 * operation: selection is a hint to retry, and the one selected always retries or passes the
 * hint on) and every watch. The lock is a {@link ReentrantLock}: no monitor, so a virtual thread
 * holding it can still unmount. Waiters are woken after the lock is released.
 */
final class SyncWaker implements WaitQueue {
    private final ReentrantLock lock = new ReentrantLock();
    private final Waker inner = new Waker();

    /** {@code true} when {@link #inner} has neither selectors nor observers. */
    private volatile boolean isEmpty = true;

    /** Registers a selector (a blocked thread, an asynchronous operation) unless it already left WAITING. */
    @Override
    public void register(Waiter waiter) {
        lock.lock();
        try {
            inner.register(waiter);
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unregister(Waiter waiter) {
        lock.lock();
        try {
            inner.unregister(waiter);
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    void watch(Waiter observer) {
        lock.lock();
        try {
            inner.watch(observer);
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    void unwatch(Waiter observer) {
        lock.lock();
        try {
            inner.unwatch(observer);
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The slow path of a blocking operation, after its non-blocking attempts failed: register
     * this thread, re-check {@code ready} and the handle ("ready just now?" or "closed just
     * now?": abort the wait if so), park until selected, the deadline, an interrupt or the
     * handle's close, and unregister unless a notifier already removed us. The caller then
     * retries its operation (selection is only a hint to do so) or reports why it stopped.
     */
    void parkUntilReady(Deadline deadline, BooleanSupplier ready, HandleState handle) {
        long start = timed ? System.nanoTime() : 0;     // counters: slow path, senders only
        ParkingWaiter waiter = ParkingWaiter.acquire();
        waiter.handle = handle;
        register(waiter);
        if (ready.getAsBoolean() || handle.isClosed()) {
            waiter.trySelect(Waiter.ABORTED);
        }
        if (waiter.await(deadline, false) != Waiter.OPERATION) {   // the flavor already backed off
            unregister(waiter);
        }
        waiter.release();
        if (timed) {
            recordBlocked(start);
        }
    }

    /**
     * Registers a one-shot watch, then re-checks {@code ready} ("ready just now?"): if so and the
     * watch is still unselected, it fires at once on this thread. The Dekker argument above makes
     * a change between the registration and the re-check impossible to miss.
     */
    Watch watch(Runnable callback, BooleanSupplier ready) {
        CallbackWaiter watch = new CallbackWaiter(callback, this::unwatch, w -> arm(w, ready));
        arm(watch, ready);
        return watch;
    }

    /**
     * A watch that notifications select only while {@code ready} holds (a room threshold): it
     * stays registered through the notifications that find it false. Same register, re-check
     * steps as {@link #watch(Runnable, BooleanSupplier)}; {@link #disconnect()} fires it anyway.
     */
    Watch watchUntil(Runnable callback, BooleanSupplier ready) {
        CallbackWaiter watch = new CallbackWaiter(callback, this::unwatch, w -> arm(w, ready), ready);
        arm(watch, ready);
        return watch;
    }

    /** Registers {@code watch}, then fires it at once if {@code ready} (unlinked before selected). */
    private void arm(CallbackWaiter watch, BooleanSupplier ready) {
        watch(watch);
        if (ready.getAsBoolean()) {
            unwatch(watch);                              // unlink, then select (see Waker)
            if (watch.trySelect(Waiter.OPERATION)) {
                watch.wake();
            }
        }
    }

    /** Wakes one waiting operation (if any) and every observer. Cheap when nobody waits. */
    @Override
    public void notifyOne() {
        if (isEmpty) {
            return;
        }
        Waiter selected;
        Object observers;
        lock.lock();
        try {
            if (isEmpty) {
                return;
            }
            selected = inner.selectOne();
            observers = inner.takeObservers();
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(selected, observers);
    }

    /** Wakes every waiting operation with {@code DISCONNECTED} and every observer. */
    void disconnect() {
        ArrayList<Waiter> woken;
        lock.lock();
        try {
            woken = inner.disconnect();
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, woken);
    }

    /**
     * Aborts and wakes the blocked operations of a handle that is being closed. Cheap when nobody
     * waits: the closer set the handle's flag before this read of {@link #isEmpty}, a waiter
     * cleared {@code isEmpty} before its re-check of the flag (the handshake above).
     */
    void abortWaitersOf(HandleState handle) {
        if (isEmpty) {
            return;
        }
        ArrayList<Waiter> aborted;
        lock.lock();
        try {
            aborted = inner.abortWaitersOf(handle);
            isEmpty = inner.isEmpty();
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, aborted);
    }

    /** Test probe: waiters selected by notifications so far. */
    long wokenCount() {
        lock.lock();
        try {
            return inner.woken;
        } finally {
            lock.unlock();
        }
    }

    // ==== Counters ====

    /** {@code true} if {@link #parkUntilReady} measures its time (the senders' waker). */
    private final boolean timed;

    SyncWaker() {
        this(false);
    }

    SyncWaker(boolean timed) {
        this.timed = timed;
    }

    /** Time spent in {@link #parkUntilReady} and the number of calls; touched only there. */
    private final java.util.concurrent.atomic.LongAdder blockedNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder blockedCount = new java.util.concurrent.atomic.LongAdder();

    void recordBlocked(long startNanos) {
        blockedNanos.add(System.nanoTime() - startNanos);
        blockedCount.increment();
    }

    long blockedNanos() {
        return blockedNanos.sum();
    }

    long blockedCount() {
        return blockedCount.sum();
    }

    /** Selectors (blocked threads, pending async operations) registered now; walks the list under the lock. */
    int waitingCount() {
        if (isEmpty) {
            return 0;
        }
        lock.lock();
        try {
            return Waker.count(inner.selectors());
        } finally {
            lock.unlock();
        }
    }
}
