package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * ArrayFlavor: a bounded channel on a preallocated ring of {@code capacity} slots.
 *
 * @param <T> message type
 */
final class ArrayFlavor<T> implements Flavor<T> {
    /*
     * Implementation notes.
     *
     * Overview. Dmitry Vyukov's bounded MPMC queue as crossbeam-channel's flavors/array.rs uses
     * it: every slot carries a stamp that says whose turn it is, and head/tail are claimed with a
     * CAS, so senders and receivers never take a lock on the fast path. Blocking is layered on
     * top with two SyncWakers (senders wait for room, receivers for messages).
     *
     * Positions. `head` and `tail` are packed words {lap | index} where index < capacity and
     * `lap` counts trips round the ring in units of ONE_LAP = 2 * MARK_BIT,
     * MARK_BIT = nextPowerOfTwo(capacity + 1). The MARK_BIT of `tail` means "disconnected".
     *
     *     tail:  | lap ......... | M | index |      M = disconnected
     *     head:  | lap ......... | 0 | index |
     *
     * Slot states, for a slot at position p = {lap | index}:
     *
     *     stamp == p           empty, a sender at tail == p may claim it
     *     stamp == p + 1       full, a receiver at head == p may claim it
     *     stamp == p + ONE_LAP empty again, for the sender of the next lap
     *
     *   send:  CAS tail p -> next(p); buffer[i] = msg; stamp = p + 1        (release)
     *   recv:  CAS head p -> next(p); msg = buffer[i]; stamp = p + ONE_LAP  (release)
     *
     * where next(p) is p + 1 inside a lap and {lap + ONE_LAP | 0} at the end. The stamp store is
     * the publication: the acquire load of the stamp by the next owner makes the message (or
     * the emptied slot) visible. A claimed slot whose stamp is not yet written makes the next
     * party snooze; that window is a handful of instructions.
     *
     * Invariants. [1] head <= tail (ignoring MARK_BIT) and tail - head <= one lap's capacity.
     * [2] Exactly one thread owns a slot between its claim CAS and its stamp store. [3] Once
     * MARK_BIT is set, no new send is claimed; sends claimed before it complete normally and
     * their messages stay receivable.
     *
     * Full / empty. A sender that sees stamp + ONE_LAP == tail + 1 (slot still full from the
     * previous lap) checks head: if head + ONE_LAP == tail the channel is full. A receiver that
     * sees stamp == head checks tail: tail == head means empty, and with MARK_BIT disconnected.
     *
     * Blocking (crossbeam's recipe): try, backing off, until Backoff says it is done; then create a
     * ParkingWaiter, register it in the waker of its side, re-check "ready just now?" (and abort
     * the wait if so), park, unregister if not selected, and retry from the top. Selection here
     * is only a hint to retry; the SyncWaker's Dekker handshake guarantees no lost wake-up.
     * Every successful send notifies one receiver, every successful receive one sender.
     *
     * Interruption (java.util.concurrent's convention): a blocking call made with the interrupt
     * status set throws at once; while it spins it checks the status before each yield and
     * before it parks, so a busy loop on one CPU can be stopped. A call selected just before an
     * interrupt first retries, and returns normally (status still set) if that succeeds. A
     * handle closed under a blocked call aborts its wait; the call throws and claims nothing.
     *
     * Asynchronous operations register as selectors (PollingFuture), so a message wakes one
     * pending recvAsync, not all of them.
     *
     * Differences from crossbeam. Java long positions (no wrap-around in practice: 2^62 laps);
     * separate stamp and message arrays (JCTools' MpmcArrayQueue layout) instead of slot
     * structs; discarding on receiver disconnect claims slots with the normal receive path, so
     * it stays correct even if a receive races with the last close; watches for async readers.
     *
     * Maintenance note: check hypotheses with ArrayFlavorLincheckTest and the conformance suite.
     */

    private static final long FULL = -1L;
    private static final long EMPTY = -1L;
    private static final long CLOSED = -2L;

    private final int cap;
    private final long markBit;
    private final long oneLap;
    /** Per-slot turn stamps; accessed with acquire/release through STAMP. */
    private final long[] stamps;
    /** Per-slot messages; plain accesses ordered by the stamps. */
    private final Object[] buffer;

    /** Next position to receive from, {lap | index}. */
    private volatile long head;
    /** Next position to send to, {lap | mark | index}; mark = disconnected. */
    private volatile long tail;

    private final SyncWaker senders = new SyncWaker();
    private final SyncWaker receivers = new SyncWaker();
    /** "A send may succeed now": the re-check of blocked senders and send watches. */
    private final BooleanSupplier sendable = () -> !isFull() || isDisconnected();
    /** "A receive may succeed now": the re-check of blocked receivers and receive watches. */
    private final BooleanSupplier receivable = () -> !isEmpty() || isDisconnected();

    ArrayFlavor(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
        }
        this.cap = capacity;
        this.markBit = nextPowerOfTwo(capacity + 1L);
        this.oneLap = markBit << 1;
        this.stamps = new long[capacity];
        this.buffer = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            stamps[i] = i;                   // lap 0: every slot empty, turn of position i
        }
        VarHandle.releaseFence();            // publish the stamps with the channel
    }

    private static long nextPowerOfTwo(long v) {
        return v <= 1 ? 1 : Long.highestOneBit(v - 1) << 1;
    }

    // ==== Send ====

    /** Claims a slot: its position, or {@link #FULL}, or {@link #CLOSED}. */
    private long claimSend() {
        int backoff = Backoff.START;
        long tail = this.tail;
        for (;;) {
            if ((tail & markBit) != 0) {
                return CLOSED;
            }
            long index = tail & (markBit - 1);
            long lap = tail & -oneLap;
            long stamp = (long) STAMP.getAcquire(stamps, (int) index);
            if (tail == stamp) {
                long next = index + 1 < cap ? tail + 1 : lap + oneLap;
                if (TAIL.weakCompareAndSet(this, tail, next)) {
                    return tail;
                }
                backoff = Backoff.spin(backoff);
                tail = this.tail;
            } else if (stamp + oneLap == tail + 1) {
                // The slot still holds last lap's message: full unless head moved meanwhile.
                VarHandle.fullFence();
                if (head + oneLap == tail) {
                    return FULL;
                }
                backoff = Backoff.spin(backoff);
                tail = this.tail;
            } else {
                backoff = Backoff.snooze(backoff); // a receiver is emptying the slot, or we lag behind
                tail = this.tail;
            }
        }
    }

    /** Fills a claimed slot and wakes a receiver. */
    private void write(long position, T msg) {
        int index = (int) (position & (markBit - 1));
        buffer[index] = msg;                                  // plain: published by the stamp
        STAMP.setRelease(stamps, index, position + 1);
        receivers.notifyOne();
    }

    @Override
    public TrySendResult trySend(T msg) {
        long position = claimSend();
        if (position >= 0) {
            write(position, msg);
            return TrySendResult.OK;
        }
        return position == CLOSED ? TrySendResult.DISCONNECTED : TrySendResult.FULL;
    }

    @Override
    public SendTimeoutResult send(T msg, Deadline deadline, HandleState handle) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();       // java.util.concurrent's convention: at once
        }
        for (;;) {
            // 1. Try, backing off: a receiver is often only nanoseconds away.
            int backoff = Backoff.START;
            for (;;) {
                long position = claimSend();
                if (position >= 0) {
                    write(position, msg);
                    return SendTimeoutResult.OK;
                }
                if (position == CLOSED) {
                    return SendTimeoutResult.DISCONNECTED;
                }
                if (Backoff.isCompleted(backoff)) {
                    break;
                }
                if (Backoff.yields(backoff) && Thread.interrupted()) {
                    throw new InterruptedException();   // not sent: nothing was claimed
                }
                backoff = Backoff.snooze(backoff);
            }
            if (deadline.hasPassed()) {
                return SendTimeoutResult.TIMEOUT;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            // 2. Register, 3. re-check "room just now?", 4. park, 5. unregister; then retry.
            senders.parkUntilReady(deadline, sendable, handle);
            if (handle.isClosed()) {
                throw handle.closedWhileWaiting();
            }
        }
    }

    // ==== Receive ====

    /** Claims a full slot: its position, or {@link #EMPTY}, or {@link #CLOSED}. */
    private long claimRecv() {
        int backoff = Backoff.START;
        long head = this.head;
        for (;;) {
            long index = head & (markBit - 1);
            long lap = head & -oneLap;
            long stamp = (long) STAMP.getAcquire(stamps, (int) index);
            if (head + 1 == stamp) {
                long next = index + 1 < cap ? head + 1 : lap + oneLap;
                if (HEAD.weakCompareAndSet(this, head, next)) {
                    return head;
                }
                backoff = Backoff.spin(backoff);
                head = this.head;
            } else if (stamp == head) {
                // The slot is empty for this lap: empty unless tail moved meanwhile.
                VarHandle.fullFence();
                long tail = this.tail;
                if ((tail & ~markBit) == head) {
                    return (tail & markBit) != 0 ? CLOSED : EMPTY;
                }
                backoff = Backoff.spin(backoff);
                head = this.head;
            } else {
                backoff = Backoff.snooze(backoff); // a sender is filling the slot, or we lag behind
                head = this.head;
            }
        }
    }

    /** Empties a claimed slot and wakes a sender. */
    private Object read(long position) {
        int index = (int) (position & (markBit - 1));
        Object msg = buffer[index];                          // ordered by the acquire of the stamp
        buffer[index] = null;                                // release the reference for the GC
        STAMP.setRelease(stamps, index, position + oneLap);
        senders.notifyOne();
        return msg;
    }

    @Override
    public Object tryRecv() {
        long position = claimRecv();
        if (position >= 0) {
            return read(position);
        }
        return position == CLOSED ? Signal.DISCONNECTED : Signal.EMPTY;
    }

    @Override
    public Object recv(Deadline deadline, HandleState handle) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (;;) {
            int backoff = Backoff.START;
            for (;;) {
                long position = claimRecv();
                if (position >= 0) {
                    return read(position);
                }
                if (position == CLOSED) {
                    return Signal.DISCONNECTED;
                }
                if (Backoff.isCompleted(backoff)) {
                    break;
                }
                if (Backoff.yields(backoff) && Thread.interrupted()) {
                    throw new InterruptedException();   // nothing was claimed
                }
                backoff = Backoff.snooze(backoff);
            }
            if (deadline.hasPassed()) {
                return Signal.TIMEOUT;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            receivers.parkUntilReady(deadline, receivable, handle);
            if (handle.isClosed()) {
                throw handle.closedWhileWaiting();
            }
        }
    }

    // ==== Watches and asynchronous operations ====

    @Override
    public Watch watchRecv(Runnable callback) {
        return receivers.watch(callback, receivable);
    }

    @Override
    public Watch watchSend(Runnable callback) {
        return senders.watch(callback, sendable);
    }

    @Override
    public CompletableFuture<T> recvAsync(Supplier<? extends Throwable> disconnected) {
        return PollingFuture.recv(this, receivers, receivable, disconnected);
    }

    @Override
    public CompletableFuture<Void> sendAsync(T msg, Supplier<? extends Throwable> disconnected) {
        return PollingFuture.send(this, senders, sendable, msg, disconnected);
    }

    @Override
    public void abortWaitersOf(HandleState handle) {
        senders.abortWaitersOf(handle);
        receivers.abortWaitersOf(handle);
    }

    /** Test probe: waiters woken by notifications of receivers so far. */
    long receiverWakeups() {
        return receivers.wokenCount();
    }

    // ==== Disconnection ====

    /** Sets MARK_BIT; returns {@code true} if this call set it, after waking both sides. */
    private boolean markDisconnected() {
        long previous = (long) TAIL.getAndBitwiseOr(this, markBit);
        if ((previous & markBit) == 0) {
            senders.disconnect();
            receivers.disconnect();
            return true;
        }
        return false;
    }

    @Override
    public void disconnectSenders() {
        markDisconnected();
    }

    @Override
    public void disconnectReceivers(Consumer<Object> discard) {
        markDisconnected();
        // Claim every remaining message through the receive path: a send claimed before the
        // mark is waited for (claimRecv snoozes on its stamp), and a racing receive on a handle
        // closed concurrently takes each message at most once.
        for (Object msg; (msg = tryRecv()) != Signal.DISCONNECTED; ) {
            discard.accept(msg);
        }
    }

    // ==== Snapshots ====

    @Override
    public boolean isDisconnected() {
        return (tail & markBit) != 0;
    }

    @Override
    public boolean isEmpty() {
        long head = this.head;
        long tail = this.tail;
        return (tail & ~markBit) == head;
    }

    @Override
    public boolean isFull() {
        long tail = this.tail;
        long head = this.head;
        return head + oneLap == (tail & ~markBit);
    }

    @Override
    public int len() {
        for (;;) {
            long tail = this.tail;
            long head = this.head;
            if (this.tail == tail) {          // consistent snapshot of the pair
                long hix = head & (markBit - 1);
                long tix = tail & (markBit - 1);
                if (hix < tix) {
                    return (int) (tix - hix);
                } else if (hix > tix) {
                    return (int) (cap - hix + tix);
                } else if ((tail & ~markBit) == head) {
                    return 0;
                } else {
                    return cap;
                }
            }
        }
    }

    @Override
    public int capacity() {
        return cap;
    }

    // VarHandle mechanics
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle STAMP = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(ArrayFlavor.class, "head", long.class);
            TAIL = lookup.findVarHandle(ArrayFlavor.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ==== Select ====

    @Override
    public boolean registerSelect(Waiter arm, boolean send, Object msg) {
        SyncWaker side = send ? senders : receivers;
        side.register(arm);
        return isReady(send, null);                   // Dekker re-check, as in parkUntilReady
    }

    @Override
    public void unregisterSelect(Waiter arm, boolean send) {
        (send ? senders : receivers).unregister(arm);
    }

    @Override
    public boolean isReady(boolean send, Object self) {
        return send ? sendable.getAsBoolean() : receivable.getAsBoolean();
    }
}
