package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * ArrayFlavor: a bounded channel on a preallocated ring of {@code capacity} slots.
 *
 * @param <T> message type
 */
final class ArrayFlavor<T> extends ArrayCounters implements SendFlavor<T>, RecvFlavor<T> {
    /*
     * Implementation notes.
     *
     * Overview. Dmitry Vyukov's bounded MPMC queue as crossbeam-channel's flavors/array.rs uses
     * it: every slot carries a stamp that says whose turn it is, and head/tail are claimed with a
     * CAS, so senders and receivers never take a lock on the fast path. Blocking is layered on
     * top with two SyncWakers (senders wait for room, receivers for messages).
     *
     * Room thresholds. watchSend(k > 1) registers a send watch that carries "cap - len() >= k or
     * disconnected"; the receive that frees a slot notifies the senders' waker as always, and that
     * notification evaluates the condition under the waker's lock and leaves the watch listed
     * while it is false (Waker, "Room thresholds"). With no watcher registered the receive path is
     * unchanged: one volatile read of the waker's isEmpty.
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
     * Blocking: Blocking's recipe (try with backoff, deadline, interrupt, register on the
     * SyncWaker of its side, re-check "ready just now?", park, unregister, retry). Selection here
     * is only a hint to retry; the SyncWaker's Dekker handshake guarantees no lost wake-up.
     * Every successful send notifies one receiver, every successful receive one sender.
     *
     * Interruption (java.util.concurrent's convention): a blocking call made with the interrupt
     * status set throws at once; while it spins it checks the status before each yield and
     * before it parks, so a busy loop on one CPU can be stopped. A call selected just before an
     * interrupt first retries, and returns normally (status still set) if that succeeds. A
     * handle closed under a blocked call aborts its wait; the call throws and claims nothing.
     *
     * Full-ring hysteresis. When the receivers are the slower side the ring stays full, and a
     * sender that claims each slot the moment a receiver frees it works in lockstep with that
     * receiver on the same cache lines (the stamps of neighbouring slots share a line, and so do
     * their messages): every message then moves those lines between the cores twice. So a
     * blocking sender that found the ring full waits, during its backoff, until about half of it
     * is free again ({@code lowWater}), and then streams into lines the receivers left long ago.
     * It polls the stamp of the slot {@code lowWater - 1} positions past the tail (JCTools'
     * look-ahead), which a receiver writes once when it passes, rather than {@code head}, which
     * every receive writes. While the receivers are busy this costs delivery nothing: the
     * sender's message enters behind about half a ring of earlier ones. It never waits for more
     * than the backoff: when the backoff is done the sender claims any free slot, or parks as
     * before. trySend, capacity 1 and the wake-ups are unchanged (its measurements are in
     * docs/benchmarks.md). Receivers have no twin of this: waiting for a batch would delay a
     * lone message.
     *
     * Asynchronous operations register as selectors (PollingFuture), so a message wakes one
     * pending recvAsync, not all of them.
     *
     * Layout. `head` and `tail` live in the ArrayCounters superclass chain, 128 bytes of padding
     * before, between and after them (crossbeam's CachePadded), so senders and receivers do not
     * invalidate each other's line nor the line of the read-only fields below.
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
    /** Free slots a blocked sender waits for before it claims again (1 = no hysteresis). */
    private final int lowWater;
    private final long markBit;
    private final long oneLap;
    /** Per-slot turn stamps; accessed with acquire/release through STAMP. */
    private final long[] stamps;
    /** Per-slot messages; plain accesses ordered by the stamps. */
    private final Object[] buffer;

    // head and tail are inherited from ArrayCounters: each on its own cache lines, away from
    // these read-only fields.

    private final SyncWaker senders = new SyncWaker(true);   // true: blocked time is counted
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
        this.lowWater = Math.max(1, capacity / 2);
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
        long position = claimSend();
        if (position >= 0) {
            write(position, msg);
            return SendTimeoutResult.OK;
        }
        if (position == CLOSED) {
            return SendTimeoutResult.DISCONNECTED;
        }
        return (SendTimeoutResult) Blocking.await(new Send(msg, handle), deadline);
    }

    /** A blocking send's steps in {@link Blocking}'s recipe: the attempt, and the hysteresis between attempts. */
    private final class Send extends Blocking.OnWaker {
        private final T msg;

        Send(T msg, HandleState handle) {
            super(senders, sendable, handle, SendTimeoutResult.TIMEOUT);
            this.msg = msg;
        }

        @Override
        public Object attempt() {
            long position = claimSend();
            if (position >= 0) {
                write(position, msg);
                return SendTimeoutResult.OK;
            }
            return position == CLOSED ? SendTimeoutResult.DISCONNECTED : Signal.EMPTY;
        }

        @Override
        public int pause(int backoff) throws InterruptedException {
            backoff = Backoff.snooze(backoff);
            return lowWater > 1 ? awaitRoom(backoff) : backoff;
        }
    }

    /**
     * Backs off until the slot {@code lowWater - 1} positions past the tail no longer holds last
     * lap's message (so about {@code lowWater} slots are free), the backoff is done or the channel
     * is disconnected; returns the backoff step. See "Full-ring hysteresis" above.
     */
    private int awaitRoom(int backoff) throws InterruptedException {
        while (!Backoff.isCompleted(backoff)) {
            long tail = this.tail;
            if ((tail & markBit) != 0) {
                break;
            }
            long index = tail & (markBit - 1);
            long ahead = index + lowWater - 1 < cap
                    ? tail + lowWater - 1
                    : (tail & -oneLap) + oneLap + (index + lowWater - 1 - cap);
            long stamp = (long) STAMP.getAcquire(stamps, (int) (ahead & (markBit - 1)));
            if (stamp + oneLap != ahead + 1) {
                break;                              // that slot no longer holds last lap's message
            }
            if (Backoff.yields(backoff) && Thread.interrupted()) {
                throw new InterruptedException();       // not sent: nothing was claimed
            }
            backoff = Backoff.snooze(backoff);
        }
        return backoff;
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
        Object r = tryRecv();
        if (r != Signal.EMPTY) {
            return r;
        }
        return Blocking.await(new Blocking.Recv(this, receivers, receivable, handle), deadline);
    }

    // ==== Watches and asynchronous operations ====

    @Override
    public Watch watchRecv(Runnable callback) {
        return receivers.watch(callback, receivable);
    }

    @Override
    public Watch watchSend(int minFree, Runnable callback) {
        int k = Math.min(minFree, cap);
        if (k <= 1) {
            return senders.watch(callback, sendable);
        }
        return senders.watchUntil(callback, () -> cap - len() >= k || isDisconnected());
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
    public void disconnectReceivers(Discards discards) {
        markDisconnected();
        // Claim every remaining message through the receive path: a send claimed before the
        // mark is waited for (claimRecv snoozes on its stamp), and a racing receive on a handle
        // closed concurrently takes each message at most once. Each discard is counted before
        // its head move (Discards).
        for (;;) {
            discards.reserveClosed();
            Object msg = tryRecv();
            if (msg == Signal.DISCONNECTED) {
                discards.cancelClosed();
                return;
            }
            discards.closed(msg);
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
        return count(tail & ~markBit) - count(head) >= cap;   // >: a DROP_OLDEST overwrite in progress
    }

    @Override
    public int len() {
        for (;;) {
            long tail = this.tail;
            long head = this.head;
            if (this.tail == tail) {          // consistent snapshot of the pair
                // Positions, clamped: during a DROP_OLDEST overwrite tail is capacity + 1 ahead.
                return (int) Math.min(cap, count(tail & ~markBit) - count(head));
            }
        }
    }

    @Override
    public int capacity() {
        return cap;
    }

    // ==== Overflow ====
    /*
     * DROP_NEWEST needs no code here: DropNewest turns trySend's FULL into a discard.
     *
     * DROP_OLDEST: overwrite through the tail, then evict through the head. A sender that
     * finds the ring full (the slot at tail t still holds the message of position
     * h = t - ONE_LAP, and head == h) claims t anyway: CAS tail t -> next(t). It now owns
     * position t, whose slot is still occupied by h's message. Then exactly one of two things
     * happens, decided by a CAS on head:
     *
     *   [a] head is still h and our CAS head h -> next(h) wins: we evict h. The slot is ours for
     *       both positions: take h's message, store ours, stamp = t + 1 (release). The evicted
     *       message goes to the discard hook.
     *   [b] a receiver claimed h first (head moved): it empties the slot (stamp = t) as usual;
     *       we wait for that stamp and write t normally. Nothing was evicted.
     *
     * Every message is claimed at head exactly once (by a receiver or by one evicting sender),
     * so it is received once or discarded once; survivors stay in FIFO order; the ring never
     * holds more than capacity messages. Linearization: [a] at the head CAS (evict the head and
     * append, as one step), [b] right after the receiver's head CAS (a plain append). Between
     * the two CASes tail - head = capacity + 1 positions, of which one is "being replaced", so
     * len() and isFull() count positions and clamp at capacity; other senders that find the
     * slot at tail still full see head + ONE_LAP != tail and spin (the same short window as a
     * claimed-but-unwritten slot). This keeps trySend/tryRecv linearizable to a deque that
     * evicts its head (OverflowLincheckTest). Evicting first and appending afterwards, with two
     * separate claims, is NOT: a receiver between them sees one message too few (EMPTY on a
     * conflated channel that was never empty).
     *
     * Counting: the eviction is counted (Discards.reserveEviction) before the head CAS of [a]
     * and withdrawn if that CAS loses, so a concurrent ChannelStats.received() never counts an
     * evicted message as received.
     */

    @Override
    public SendFlavor<T> withOverflow(OverflowPolicy policy, Discards discards) {
        return policy == OverflowPolicy.DROP_OLDEST ? new DropOldest(discards)
                : SendFlavor.super.withOverflow(policy, discards);
    }

    /** {@link OverflowPolicy#DROP_OLDEST}: a send into a full ring evicts its oldest message. */
    private final class DropOldest extends DroppingSend<T> {
        private final Discards discards;

        DropOldest(Discards discards) {
            this.discards = discards;
        }

        @Override
        TrySendResult offer(T msg) {
            return trySendDropOldest(msg, discards);
        }
    }

    private static final long NOT_FULL = -3L;

    /** A DROP_OLDEST send: OK or DISCONNECTED. Never waits for a receiver. */
    private TrySendResult trySendDropOldest(T msg, Discards discards) {
        for (;;) {
            long position = claimSend();
            if (position >= 0) {
                write(position, msg);
                return TrySendResult.OK;
            }
            if (position == CLOSED) {
                return TrySendResult.DISCONNECTED;
            }
            position = claimOverwrite();
            if (position == CLOSED) {
                return TrySendResult.DISCONNECTED;
            }
            if (position >= 0) {
                Object evicted = overwrite(position, msg, discards);
                if (evicted != null) {
                    discards.evicted(evicted);
                }
                return TrySendResult.OK;
            }                                       // NOT_FULL: room appeared; retry
        }
    }

    /** Claims the tail of a full ring: its position, or {@link #NOT_FULL}, or {@link #CLOSED}. */
    private long claimOverwrite() {
        long tail = this.tail;
        if ((tail & markBit) != 0) {
            return CLOSED;
        }
        long index = tail & (markBit - 1);
        long lap = tail & -oneLap;
        long stamp = (long) STAMP.getAcquire(stamps, (int) index);
        if (stamp + oneLap != tail + 1) {
            return NOT_FULL;                        // the slot is not holding last lap's message
        }
        VarHandle.fullFence();
        if (head + oneLap != tail) {
            return NOT_FULL;
        }
        long next = index + 1 < cap ? tail + 1 : lap + oneLap;
        return TAIL.compareAndSet(this, tail, next) ? tail : NOT_FULL;
    }

    /**
     * Writes {@code msg} at claimed position {@code t} of a full ring: evicts position
     * {@code t - ONE_LAP} if no receiver took it first ([a] above: returns the evicted
     * message), else waits for that receiver to empty the slot ([b]: returns null).
     */
    private Object overwrite(long t, T msg, Discards discards) {
        int index = (int) (t & (markBit - 1));
        long h = t - oneLap;
        long next = index + 1 < cap ? h + 1 : (h & -oneLap) + oneLap;
        boolean evicting = head == h;
        if (evicting) {
            discards.reserveEviction();              // counted before the head moves
        }
        if (evicting && HEAD.compareAndSet(this, h, next)) {
            // Safe because: [1] claimOverwrite acquired stamp h + 1, so h's message is visible;
            // [2] we own position h (head CAS) and t (tail CAS), so nobody else touches the slot.
            Object evicted = buffer[index];
            buffer[index] = msg;
            STAMP.setRelease(stamps, index, t + 1);
            receivers.notifyOne();
            return evicted;
        }
        if (evicting) {
            discards.cancelEviction();               // a receiver took h first
        }
        int backoff = Backoff.START;
        while ((long) STAMP.getAcquire(stamps, index) != t) {
            backoff = Backoff.snooze(backoff);      // the receiver of h is emptying the slot
        }
        write(t, msg);
        return null;
    }

    // ==== Counters ====

    /** Messages that passed position {@code p} ({lap | index}, mark cleared). */
    private long count(long p) {
        return (p >>> Long.numberOfTrailingZeros(oneLap)) * cap + (p & (markBit - 1));
    }

    @Override
    public long sentCount() {
        return count(tail & ~markBit);
    }

    @Override
    public long takenCount() {
        return count(head);
    }

    @Override
    public int sendersWaiting() {
        return senders.waitingCount();
    }

    @Override
    public int receiversWaiting() {
        return receivers.waitingCount();
    }

    @Override
    public long sendBlockedNanos() {
        return senders.blockedNanos();
    }

    @Override
    public long sendBlockedCount() {
        return senders.blockedCount();
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
    public boolean registerSend(Waiter arm, Object msg) {
        senders.register(arm);
        return sendable.getAsBoolean();               // Dekker re-check, as in parkUntilReady
    }

    @Override
    public void unregisterSend(Waiter arm) {
        senders.unregister(arm);
    }

    @Override
    public boolean isSendReady() {
        return sendable.getAsBoolean();
    }

    @Override
    public boolean registerRecv(Waiter arm) {
        receivers.register(arm);
        return receivable.getAsBoolean();
    }

    @Override
    public void unregisterRecv(Waiter arm) {
        receivers.unregister(arm);
    }

    @Override
    public boolean isRecvReady() {
        return receivable.getAsBoolean();
    }

    /** A selection is a hint to retry: the select's try completes the operation. */
    @Override
    public boolean selectionCompletes() {
        return false;
    }
}
