package dev.sluice;

import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * ZeroFlavor: a rendezvous channel with no buffer; a send completes only when a receiver takes
 * the message.
 *
 * @param <T> message type
 */
final class ZeroFlavor<T> implements SendFlavor<T>, RecvFlavor<T> {
    /*
     * Implementation notes.
     *
     * Overview. A dual queue of waiting operations under one lock, as crossbeam-channel's
     * flavors/zero.rs (itself a cousin of the JDK's SynchronousQueue): waiting senders with their
     * message in the waiter's packet, waiting receivers with an empty packet. An arriving
     * operation first tries to pair with a waiter of the opposite kind; only if there is none
     * does it register itself and wait.
     *
     *     senders:   [S1 msg=a] [S2 msg=b]          receivers: []
     *     recv()  -> lock, select S1, take "a", unlock, wake S1          (S1's send returns OK)
     *
     * Pairing (the hand-off lives here; the Wakers only hold the lists). Under the lock the
     * arriving party CASes the waiter WAITING -> OPERATION. For a waiting receiver the message
     * is stored in its packet before that CAS (selectReceiver: the CAS publishes it, and the
     * receiver reads it only after it observed OPERATION). For a waiting sender the message is
     * read from its packet BEFORE the CAS (selectSender): once selected, the sender returns at
     * once, without the lock, and may reuse its thread's cached waiter for its next operation,
     * so nothing may touch a selected sender's waiter afterwards except wake(). So once
     * OPERATION is seen the transfer is complete: no "ready" flag and no second spin, unlike
     * crossbeam, because the transfer happens while the lock is held.
     *
     * Invariants. [1] A waiter is paired at most once (the CAS). [2] An operation never pairs
     * with itself: the walks skip waiters whose operation() is the caller's own (a select's
     * other arms; a plain call has no waiter registered while it pairs, so it passes null).
     * Two independent operations of one thread may meet: a readiness callback that runs on a
     * thread blocked in send may take that thread's message, and a thread's pending recvAsync
     * may receive its own later send, as crossbeam's rule (one operation, one select) implies.
     * [3] Once `disconnected` is set, every waiter registered until then is woken
     * DISCONNECTED and no blocking call or async operation registers any more (they check the
     * flag under the lock); a select arm may still register, and reports the channel ready at
     * once. A sender's message then stays with the sender.
     *
     * Blocking protocol. A call made with the interrupt status set throws at once. Otherwise try
     * to pair; if that fails, register under the lock and notify the opposite side's observers
     * (a waiting sender is what makes a receive possible), unlock, park. On timeout, interrupt
     * or the close of the call's handle the waiter aborts with a CAS; if the CAS loses, the
     * pairing already happened and the operation reports success (the interrupt status stays
     * set).
     *
     * Taking the lock. Every operation takes the lock once or twice for a few dozen
     * instructions, so a thread that finds it held usually finds it free again within a spin
     * hint or two, while queueing on ReentrantLock parks and costs an unpark (a futex call)
     * for every hand-off. So acquireLock() tries tryLock up to LOCK_SPINS times, one hint
     * apart (bounded), and only then queues with lock(). Fairness is unchanged (ReentrantLock
     * is non-fair either way). acquireLock() is the flavor's only way to the lock, so the wait
     * for it (a few field writes of another operation, never a wait for another party) is one
     * named place: every non-blocking operation, watch, rearm and isReady included, may wait
     * there, and reactor-bridge's BlockHound integration allows exactly that method.
     *
     * Asynchronous operations are first-class here: recvAsync and sendAsync register a
     * CallbackWaiter exactly like a blocked thread, so an async receiver and a blocking or
     * async sender can meet. (Polling with tryRecv would never see an async sender.)
     *
     * Snapshots: len() == 0, isEmpty() and isFull() are both true, capacity() == 0.
     *
     * Maintenance note: check hypotheses with ZeroFlavorLincheckTest and the conformance suite.
     */

    private final ReentrantLock lock = new ReentrantLock();
    /** Waiting senders (packet = message) and send-readiness observers. Guarded by lock. */
    private final Waker senders = new Waker();
    /** Waiting receivers (packet filled on pairing) and receive-readiness observers. */
    private final Waker receivers = new Waker();
    /** Set once, under the lock. Volatile for the lock-free isDisconnected() snapshot. */
    private volatile boolean disconnected;
    /** The message of the sender chosen by the last {@link #selectSender}; guarded by the lock. */
    private Object taken;

    /** tryLock attempts, one spin hint apart, before queueing on the lock. */
    private static final int LOCK_SPINS = 16;

    /** Takes the lock, spinning briefly first: its critical sections are a few dozen instructions. */
    private void acquireLock() {
        for (int i = 0; i < LOCK_SPINS; i++) {
            if (lock.tryLock()) {
                return;
            }
            Thread.onSpinWait();
        }
        lock.lock();
    }

    // ==== Hand-off (under the lock) ====

    /**
     * Selects the first waiting sender that is not part of operation {@code self}, unlinks it
     * and returns it, its message left in {@link #taken}; or {@code null}.
     *
     * <p>Reads the packet, THEN selects: [1] the packet was written before registration, under
     * the lock we hold; [2] a registered sender changes its packet only after unregistering,
     * which needs that lock; [3] once the CAS succeeds the owner may return without the lock
     * and reuse the waiter, so the packet must be read, and the waiter unlinked, before the CAS.
     */
    private Waiter selectSender(Object self) {
        WaiterList list = senders.selectors();
        for (Waiter w = list.first(); w != null; ) {
            if (w.operation() == self) {
                w = w.next;
                continue;
            }
            Object msg = w.packet;
            Waiter next = list.remove(w);             // unlink before the CAS (Waker: "Unlink, then select")
            if (w.trySelect(Waiter.OPERATION)) {
                taken = msg;
                transfers++;                          // counters: under the lock
                return w;
            }
            w = next;                                 // its owner gave up; unregistering is idempotent
        }
        return null;
    }

    /** The message of the sender selected by {@link #selectSender}; clears it. */
    private Object takenPacket() {
        Object msg = taken;
        taken = null;
        return msg;
    }

    /**
     * Stores {@code msg} in the first waiting receiver that is not part of operation
     * {@code self}, then selects it; returns it (unlinked), or {@code null} if there is none.
     */
    private Waiter selectReceiver(Object msg, Object self) {
        WaiterList list = receivers.selectors();
        for (Waiter w = list.first(); w != null; ) {
            if (w.operation() == self) {
                w = w.next;
                continue;
            }
            Waiter next = list.remove(w);             // unlink before the CAS (Waker: "Unlink, then select")
            if (w.lvState() == Waiter.WAITING) {
                w.packet = msg;                       // published by the CAS below
                if (w.trySelect(Waiter.OPERATION)) {
                    transfers++;                      // counters: under the lock
                    return w;
                }
                w.packet = null;                      // it aborted under us: it will not read the packet
            }
            w = next;
        }
        return null;
    }

    // ==== Send ====

    @Override
    public TrySendResult trySend(T msg) {
        Waiter receiver;
        acquireLock();
        try {
            receiver = selectReceiver(msg, null);
            if (receiver == null) {
                return disconnected ? TrySendResult.DISCONNECTED : TrySendResult.FULL;
            }
        } finally {
            lock.unlock();
        }
        receiver.wake();
        return TrySendResult.OK;
    }

    @Override
    public SendTimeoutResult send(T msg, Deadline deadline, HandleState handle) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();        // java.util.concurrent's convention: at once
        }
        Waiter receiver;
        ParkingWaiter waiter = null;
        Object observers = null;
        acquireLock();
        try {
            receiver = selectReceiver(msg, null);
            if (receiver == null && mayWait(deadline, handle)) {
                waiter = ParkingWaiter.acquire();
                waiter.packet = msg;
                waiter.handle = handle;
                senders.register(waiter);
                observers = receivers.takeObservers();   // a receive is possible now
            }
        } finally {
            lock.unlock();
        }
        if (receiver != null) {
            receiver.wake();
            return SendTimeoutResult.OK;
        }
        if (waiter == null) {
            return disconnected ? SendTimeoutResult.DISCONNECTED : stopped(handle, SendTimeoutResult.TIMEOUT);
        }
        Waker.wakeAll(null, observers);

        long start = System.nanoTime();              // counters: slow path only
        int state = waiter.await(deadline);
        recordBlocked(start);
        if (state != Waiter.OPERATION) {
            unregister(senders, waiter);
        }
        waiter.release();
        if (state == Waiter.OPERATION) {
            return SendTimeoutResult.OK;                 // a receiver took the packet
        }
        return state == Waiter.DISCONNECTED
                ? SendTimeoutResult.DISCONNECTED
                : stopped(handle, SendTimeoutResult.TIMEOUT);
    }

    /**
     * Under the lock: {@code true} if an operation that found no partner should wait. Reading
     * the handle's flag under the lock pairs with {@link #abortWaitersOf}, which takes it.
     */
    private boolean mayWait(Deadline deadline, HandleState handle) {
        return !disconnected && !deadline.hasPassed() && !Thread.currentThread().isInterrupted()
                && !handle.isClosed();
    }

    /**
     * The operation found no partner and will not wait, or its wait was aborted, and nothing
     * was transferred: throws if the reason is the handle's close or an interrupt, else returns
     * {@code timeout}.
     */
    private static <R> R stopped(HandleState handle, R timeout) throws InterruptedException {
        if (handle.isClosed()) {
            throw handle.closedWhileWaiting();
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return timeout;
    }

    // ==== Receive ====

    @Override
    public Object tryRecv() {
        Waiter sender;
        Object msg;
        acquireLock();
        try {
            sender = selectSender(null);
            if (sender == null) {
                return disconnected ? Signal.DISCONNECTED : Signal.EMPTY;
            }
            msg = takenPacket();
        } finally {
            lock.unlock();
        }
        sender.wake();
        return msg;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object msg) {
        return (T) msg;
    }


    @Override
    public Object recv(Deadline deadline, HandleState handle) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Waiter sender;
        Object msg = null;
        ParkingWaiter waiter = null;
        Object observers = null;
        acquireLock();
        try {
            sender = selectSender(null);
            if (sender != null) {
                msg = takenPacket();
            } else if (mayWait(deadline, handle)) {
                waiter = ParkingWaiter.acquire();
                waiter.handle = handle;
                receivers.register(waiter);
                observers = senders.takeObservers();     // a send is possible now
            }
        } finally {
            lock.unlock();
        }
        if (sender != null) {
            sender.wake();
            return msg;
        }
        if (waiter == null) {
            return disconnected ? Signal.DISCONNECTED : stopped(handle, Signal.TIMEOUT);
        }
        Waker.wakeAll(null, observers);

        int state = waiter.await(deadline);
        if (state == Waiter.OPERATION) {
            msg = waiter.packet;                         // published by the selecting CAS
            waiter.release();
            return msg;
        }
        unregister(receivers, waiter);
        waiter.release();
        return state == Waiter.DISCONNECTED ? Signal.DISCONNECTED : stopped(handle, Signal.TIMEOUT);
    }

    private void unregister(Waker waker, Waiter waiter) {
        acquireLock();
        try {
            waker.unregister(waiter);
        } finally {
            lock.unlock();
        }
    }

    // ==== Asynchronous operations ====

    @Override
    public CompletableFuture<T> recvAsync(Supplier<? extends Throwable> onDisconnected) {
        WaiterFuture<T> future = new WaiterFuture<>(true, onDisconnected, w -> unregister(receivers, w));
        Waiter sender;
        Object msg = null;
        boolean registered = false;
        Object observers = null;
        acquireLock();
        try {
            sender = selectSender(null);
            if (sender != null) {
                msg = takenPacket();
            } else if (!disconnected) {
                receivers.register(future.waiter);
                registered = true;
                observers = senders.takeObservers();
            }
        } finally {
            lock.unlock();
        }
        if (sender != null) {
            sender.wake();
            future.completeNow(cast(msg));
        } else if (!registered) {
            future.failNow();                            // disconnected before it could register
        }
        Waker.wakeAll(null, observers);
        return future;
    }

    @Override
    public CompletableFuture<Void> sendAsync(T msg, Supplier<? extends Throwable> onDisconnected) {
        WaiterFuture<Void> future = new WaiterFuture<>(false, onDisconnected, w -> unregister(senders, w));
        future.waiter.packet = msg;
        Waiter receiver;
        boolean registered = false;
        Object observers = null;
        acquireLock();
        try {
            receiver = selectReceiver(msg, null);
            if (receiver == null && !disconnected) {
                senders.register(future.waiter);
                registered = true;
                observers = receivers.takeObservers();
            }
        } finally {
            lock.unlock();
        }
        if (receiver != null) {
            receiver.wake();
            future.completeNow(null);
        } else if (!registered) {
            future.failNow();
        }
        Waker.wakeAll(null, observers);
        return future;
    }

    // ==== Watches ====

    @Override
    public Watch watchRecv(Runnable callback) {
        return watch(receivers, senders, callback);
    }

    @Override
    public Watch watchSend(int minFree, Runnable callback) {
        return watch(senders, receivers, callback);
    }

    /**
     * Watches {@code side} for readiness, which for a rendezvous means a waiting operation on
     * the {@code opposite} side (of any thread: the watch's retry is an operation of its own) or
     * disconnection.
     */
    private Watch watch(Waker side, Waker opposite, Runnable callback) {
        CallbackWaiter watch = new CallbackWaiter(callback, w -> unregisterWatch(side, w),
                w -> arm(w, side, opposite));
        arm(watch, side, opposite);
        return watch;
    }

    private void arm(CallbackWaiter watch, Waker side, Waker opposite) {
        boolean readyNow;
        acquireLock();
        try {
            readyNow = disconnected || opposite.canSelect(null);
            if (!readyNow) {
                side.watch(watch);
            }
        } finally {
            lock.unlock();
        }
        if (readyNow && watch.trySelect(Waiter.OPERATION)) {
            watch.wake();
        }
    }

    private void unregisterWatch(Waker side, Waiter watch) {
        acquireLock();
        try {
            side.unwatch(watch);
        } finally {
            lock.unlock();
        }
    }

    // ==== Closing a handle ====

    @Override
    public void abortWaitersOf(HandleState handle) {
        ArrayList<Waiter> aborted;
        ArrayList<Waiter> more;
        acquireLock();
        try {
            aborted = senders.abortWaitersOf(handle);
            more = receivers.abortWaitersOf(handle);
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, aborted);
        Waker.wakeAll(null, more);
    }

    // ==== Disconnection ====

    private void disconnect() {
        ArrayList<Waiter> woken = null;
        ArrayList<Waiter> more = null;
        acquireLock();
        try {
            if (!disconnected) {
                disconnected = true;
                woken = senders.disconnect();
                more = receivers.disconnect();
            }
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, woken);
        Waker.wakeAll(null, more);
    }

    @Override
    public void disconnectSenders() {
        disconnect();
    }

    @Override
    public void disconnectReceivers(Discards discards) {
        disconnect();                                // nothing is ever buffered
    }

    // ==== Snapshots ====

    @Override
    public boolean isDisconnected() {
        return disconnected;
    }

    @Override
    public boolean isEmpty() {
        return true;
    }

    @Override
    public boolean isFull() {
        return true;
    }

    @Override
    public int len() {
        return 0;
    }

    @Override
    public int capacity() {
        return 0;
    }

    // ==== Counters ====

    /** Completed hand-offs; written only under the lock (volatile for lock-free snapshots). */
    private volatile long transfers;
    private final java.util.concurrent.atomic.LongAdder blockedNanos = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder blockedCount = new java.util.concurrent.atomic.LongAdder();

    private void recordBlocked(long startNanos) {
        blockedNanos.add(System.nanoTime() - startNanos);
        blockedCount.increment();
    }

    @Override
    public long sentCount() {
        return transfers;
    }

    @Override
    public long takenCount() {
        return transfers;
    }

    @Override
    public int sendersWaiting() {
        acquireLock();
        try {
            return Waker.count(senders.selectors());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int receiversWaiting() {
        acquireLock();
        try {
            return Waker.count(receivers.selectors());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long sendBlockedNanos() {
        return blockedNanos.sum();
    }

    @Override
    public long sendBlockedCount() {
        return blockedCount.sum();
    }

    // ==== Select ====

    /*
     * A select arm registers like a blocked call, under the lock, with its packet (a send arm)
     * and its handle. A counterpart that selects it completes the hand-off (selectSender /
     * selectReceiver), so the select must not retry a selected zero arm: it reads the outcome
     * from the arm. All arms of one select share operation() (their Selection), so the
     * hand-off walks skip the select's own arms and the re-check below ignores them too.
     */
    @Override
    public boolean registerSend(Waiter arm, Object msg) {
        Object observers;
        boolean ready;
        acquireLock();
        try {
            arm.packet = msg;
            senders.register(arm);
            observers = receivers.takeObservers();   // a receive is possible now
            ready = disconnected || receivers.canSelect(arm.operation());
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, observers);
        return ready;
    }

    @Override
    public boolean registerRecv(Waiter arm) {
        Object observers;
        boolean ready;
        acquireLock();
        try {
            receivers.register(arm);
            observers = senders.takeObservers();     // a send is possible now
            ready = disconnected || senders.canSelect(arm.operation());
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, observers);
        return ready;
    }

    @Override
    public void unregisterSend(Waiter arm) {
        unregister(senders, arm);
    }

    @Override
    public void unregisterRecv(Waiter arm) {
        unregister(receivers, arm);
    }

    /** A selected arm has completed its hand-off under the lock: the select reports it, not retries it. */
    @Override
    public boolean selectionCompletes() {
        return true;
    }

    @Override
    public boolean isSendReady() {
        return isReady(receivers);
    }

    @Override
    public boolean isRecvReady() {
        return isReady(senders);
    }

    /** Disconnected, or a counterpart waits on {@code opposite}. Waits only for the lock's short sections. */
    private boolean isReady(Waker opposite) {
        acquireLock();
        try {
            return disconnected || opposite.canSelect(null);
        } finally {
            lock.unlock();
        }
    }
}
