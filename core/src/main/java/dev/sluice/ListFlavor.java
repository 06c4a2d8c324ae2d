package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * ListFlavor: an unbounded channel on a linked list of fixed-size blocks.
 *
 * @param <T> message type
 */
final class ListFlavor<T> extends ListCounters implements SendFlavor<T>, RecvFlavor<T> {
    /*
     * Implementation notes.
     *
     * Overview. crossbeam-channel's flavors/list.rs: an MPMC queue made of blocks of BLOCK_CAP =
     * 31 slots. Senders claim a position by CAS on the tail index, receivers by CAS on the head
     * index; a position maps to (block, offset). Sends never block; only receivers wait, on one
     * SyncWaker.
     *
     * Indices count positions shifted left by SHIFT = 1; each block spans LAP = 32 positions, of
     * which the last (offset 31) is a phantom "the next block is being installed" marker.
     *
     *     tailIndex:  | position ........ | M |    M = disconnected
     *     headIndex:  | position ........ | M |    M = head and tail are in different blocks
     *                                              (receivers may skip the emptiness check)
     *
     *     headBlock                                   tailBlock
     *     [ m m m m ... m ] -> [ m m m ... m ] -> [ m m _ _ ... _ ] -> null
     *        ^ head                                    ^ tail
     *
     * Slot states. Messages are never null, so a slot needs no state word: null means "claimed
     * but not yet written" (or already read), non-null means "written". The sender publishes
     * with a release store, the receiver that claimed the position spins (acquire) until it sees
     * the message, then clears the slot so the block does not keep it alive.
     *
     * Block installation. The sender that claims offset 30 (the last real slot) installs the next
     * block: store tailBlock, bump tailIndex past the phantom offset, link block.next. Senders
     * and receivers that land on offset 31 snooze until that is done. The receiver that claims
     * offset 30 moves headBlock/headIndex to the next block (waiting for the link if needed).
     * The next block is allocated before the CAS that makes it necessary, so the installer
     * never allocates while others wait on it.
     *
     * Invariants. [1] head <= tail (positions). [2] Each position is claimed by exactly one
     * sender and one receiver. [3] After tail's mark is set no position is claimed for sending.
     *
     * Layout. The head side (headIndex, headBlock) and the tail side (tailIndex, tailBlock) live
     * in the ListCounters superclass chain, 128 bytes of padding before, between and after them
     * (crossbeam's CachePadded<Position>).
     *
     * Differences from crossbeam. Java's GC replaces the READ/DESTROY slot protocol (a block is
     * garbage once head moves past it), so a slot is just its message. The first block is
     * allocated with the channel. Discarding on receiver disconnect uses the receive path.
     *
     * Maintenance note: check hypotheses with ListFlavorLincheckTest and the conformance suite.
     */

    private static final int SHIFT = 1;
    private static final long MARK_BIT = 1L;
    private static final int LAP = 32;
    private static final int BLOCK_CAP = LAP - 1;

    /** A block of slots and the link to the next block. */
    static final class Block {
        /** Set once by the sender that fills the last slot; read with volatile semantics. */
        volatile Block next;
        /** Messages; null = not written yet (or already taken). Accessed through SLOT. */
        final Object[] slots = new Object[BLOCK_CAP];

        /** Waits until the next block is linked. */
        Block awaitNext() {
            int backoff = Backoff.START;
            Block n;
            while ((n = next) == null) {
                backoff = Backoff.snooze(backoff);
            }
            return n;
        }

        /** Waits until the sender that claimed {@code offset} has written it; takes the message. */
        Object awaitAndTake(int offset) {
            int backoff = Backoff.START;
            Object msg;
            while ((msg = SLOT.getAcquire(slots, offset)) == null) {
                backoff = Backoff.snooze(backoff);
            }
            slots[offset] = null;             // plain: the position is never visited again
            return msg;
        }
    }

    // headIndex/headBlock and tailIndex/tailBlock are inherited from ListCounters: each side on
    // its own cache lines, away from the read-only fields.

    private final SyncWaker receivers = new SyncWaker();
    /** "A receive may succeed now": the re-check of blocked receivers and receive watches. */
    private final BooleanSupplier receivable = () -> !isEmpty() || isDisconnected();

    ListFlavor() {
        Block first = new Block();
        headBlock = first;
        tailBlock = first;
    }

    // ==== Send ====

    /** Appends {@code msg}; {@code false} if the channel is disconnected. */
    private boolean push(T msg) {
        int backoff = Backoff.START;
        long tail = tailIndex;
        Block block = tailBlock;
        Block nextBlock = null;
        for (;;) {
            if ((tail & MARK_BIT) != 0) {
                return false;
            }
            int offset = (int) ((tail >>> SHIFT) & (LAP - 1));
            if (offset == BLOCK_CAP) {
                backoff = Backoff.snooze(backoff);                     // the next block is being installed
                tail = tailIndex;
                block = tailBlock;
                continue;
            }
            if (offset + 1 == BLOCK_CAP && nextBlock == null) {
                nextBlock = new Block();              // we may have to install it: allocate first
            }
            // Safe because: [1] tailIndex was read before tailBlock, and tailBlock is stored
            // before tailIndex moves into its range, so `block` is the block of `tail` or a
            // later one; [2] if it is a later one, tailIndex moved on and the CAS fails.
            if (TAIL_INDEX.weakCompareAndSet(this, tail, tail + (1L << SHIFT))) {
                if (offset + 1 == BLOCK_CAP) {
                    tailBlock = nextBlock;
                    TAIL_INDEX.getAndAdd(this, 1L << SHIFT);   // skip the phantom offset
                    block.next = nextBlock;
                }
                SLOT.setRelease(block.slots, offset, msg);
                receivers.notifyOne();
                return true;
            }
            backoff = Backoff.spin(backoff);
            tail = tailIndex;
            block = tailBlock;
        }
    }

    @Override
    public TrySendResult trySend(T msg) {
        return push(msg) ? TrySendResult.OK : TrySendResult.DISCONNECTED;
    }

    /** Never waits, so neither the interrupt status nor the deadline matters (LinkedTransferQueue.put alike). */
    @Override
    public SendTimeoutResult send(T msg, Deadline deadline, HandleState handle) {
        return push(msg) ? SendTimeoutResult.OK : SendTimeoutResult.DISCONNECTED;
    }

    // ==== Receive ====

    @Override
    public Object tryRecv() {
        int backoff = Backoff.START;
        long head = headIndex;
        Block block = headBlock;
        for (;;) {
            int offset = (int) ((head >>> SHIFT) & (LAP - 1));
            if (offset == BLOCK_CAP) {
                backoff = Backoff.snooze(backoff);                     // the next block is being installed
                head = headIndex;
                block = headBlock;
                continue;
            }
            long newHead = head + (1L << SHIFT);
            if ((newHead & MARK_BIT) == 0) {
                VarHandle.fullFence();
                long tail = tailIndex;
                if ((head >>> SHIFT) == (tail >>> SHIFT)) {
                    return (tail & MARK_BIT) != 0 ? Signal.DISCONNECTED : Signal.EMPTY;
                }
                if ((head >>> SHIFT) / LAP != (tail >>> SHIFT) / LAP) {
                    newHead |= MARK_BIT;              // tail is in a later block: skip this check
                }
            }
            if (HEAD_INDEX.weakCompareAndSet(this, head, newHead)) {
                if (offset + 1 == BLOCK_CAP) {
                    Block next = block.awaitNext();
                    long nextIndex = (newHead & ~MARK_BIT) + (1L << SHIFT);
                    if (next.next != null) {
                        nextIndex |= MARK_BIT;
                    }
                    headBlock = next;
                    headIndex = nextIndex;
                }
                return block.awaitAndTake(offset);
            }
            backoff = Backoff.spin(backoff);
            head = headIndex;
            block = headBlock;
        }
    }

    @Override
    public Object recv(Deadline deadline, HandleState handle) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();       // java.util.concurrent's convention: at once
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
    public CompletableFuture<T> recvAsync(Supplier<? extends Throwable> disconnected) {
        return PollingFuture.recv(this, receivers, receivable, disconnected);
    }

    /** Never waits: completed (or failed) before it is returned, so no outside completion can race it. */
    @Override
    public CompletableFuture<Void> sendAsync(T msg, Supplier<? extends Throwable> disconnected) {
        return push(msg) ? ChannelFuture.done(null, null) : ChannelFuture.done(null, disconnected.get());
    }

    @Override
    public void abortWaitersOf(HandleState handle) {
        receivers.abortWaitersOf(handle);
    }

    /** Test probe: waiters woken by notifications of receivers so far. */
    long receiverWakeups() {
        return receivers.wokenCount();
    }

    /** An unbounded channel always has room: a send watch fires at once. */
    @Override
    public Watch watchSend(int minFree, Runnable callback) {
        return CallbackWaiter.firedNow(callback);
    }

    // ==== Disconnection ====

    private void markDisconnected() {
        long previous = (long) TAIL_INDEX.getAndBitwiseOr(this, MARK_BIT);
        if ((previous & MARK_BIT) == 0) {
            receivers.disconnect();
        }
    }

    @Override
    public void disconnectSenders() {
        markDisconnected();
    }

    @Override
    public void disconnectReceivers(Discards discards) {
        markDisconnected();
        for (;;) {
            discards.reserveClosed();                // counted before the head moves (Discards)
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
        return (tailIndex & MARK_BIT) != 0;
    }

    @Override
    public boolean isEmpty() {
        long head = headIndex;
        long tail = tailIndex;
        return (head >>> SHIFT) == (tail >>> SHIFT);
    }

    @Override
    public boolean isFull() {
        return false;
    }

    @Override
    public int len() {
        for (;;) {
            long tail = tailIndex;
            long head = headIndex;
            if (tailIndex == tail) {
                tail &= ~((1L << SHIFT) - 1);
                head &= ~((1L << SHIFT) - 1);
                // Positions on a phantom offset belong to the next block.
                if (((tail >>> SHIFT) & (LAP - 1)) == LAP - 1) {
                    tail += 1L << SHIFT;
                }
                if (((head >>> SHIFT) & (LAP - 1)) == LAP - 1) {
                    head += 1L << SHIFT;
                }
                // Rotate so that head falls into the first block, then drop the phantom slots.
                long lap = (head >>> SHIFT) / LAP;
                tail = (tail - ((lap * LAP) << SHIFT)) >>> SHIFT;
                head = (head - ((lap * LAP) << SHIFT)) >>> SHIFT;
                long len = tail - head - tail / LAP;
                return (int) Math.min(len, Integer.MAX_VALUE);
            }
        }
    }

    @Override
    public int capacity() {
        return -1;
    }

    // ==== Counters ====

    /** Messages that passed index {@code i}: positions minus one phantom offset per block. */
    private static long count(long i) {
        long pos = i >>> SHIFT;
        return (pos / LAP) * BLOCK_CAP + Math.min(pos % LAP, BLOCK_CAP);
    }

    @Override
    public long sentCount() {
        return count(tailIndex);
    }

    @Override
    public long takenCount() {
        return count(headIndex);
    }

    @Override
    public int sendersWaiting() {
        return 0;                                   // sends never wait
    }

    @Override
    public int receiversWaiting() {
        return receivers.waitingCount();
    }

    @Override
    public long sendBlockedNanos() {
        return 0;
    }

    @Override
    public long sendBlockedCount() {
        return 0;
    }

    // VarHandle mechanics
    private static final VarHandle HEAD_INDEX;
    private static final VarHandle TAIL_INDEX;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD_INDEX = lookup.findVarHandle(ListFlavor.class, "headIndex", long.class);
            TAIL_INDEX = lookup.findVarHandle(ListFlavor.class, "tailIndex", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // ==== Select ====

    @Override
    public boolean registerSend(Waiter arm, Object msg) {
        return true;                                  // an unbounded send never waits
    }

    @Override
    public void unregisterSend(Waiter arm) {
    }

    @Override
    public boolean isSendReady() {
        return true;
    }

    @Override
    public boolean registerRecv(Waiter arm) {
        receivers.register(arm);
        return receivable.getAsBoolean();             // Dekker re-check, as in parkUntilReady
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
