package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.function.Consumer;

/**
 * Shared: the state every handle of one channel shares: the flavor, the sender and receiver
 * counts, the close cause and the discard hook.
 *
 * <p>Implementation notes. This is crossbeam's {@code counter.rs}. Each open {@link Sender} or
 * {@link Receiver} handle holds one count on its side. Cloning an open handle acquires a count
 * with an increment-if-positive CAS, so a clone can never resurrect a side whose last handle
 * already closed. Releasing the last count disconnects that side of the flavor: the last sender
 * lets receivers drain and then see disconnection; the last receiver makes sends fail at once and
 * hands every buffered message to the discard hook.
 *
 * <p>Java has no {@code Drop}: handles release their count in {@code close()}, and as a fallback
 * through {@link #CLEANER} when they become unreachable unclosed. The cleaning action never
 * references the handle, and for a channel without a discard hook it holds this object only
 * weakly ({@link WeakReleaser}): a cleaning action stays reachable until the single Cleaner
 * thread runs it, after one or two collections, and a million forgotten channels whose actions
 * kept their rings and wakers alive ran a 256 MB heap out of memory. Weakly is enough: if this
 * object is gone, no handle of the channel is reachable, so no thread is blocked on it and
 * nobody can observe the count. With a discard hook the action holds it strongly, because the
 * buffered messages must still be handed to the hook.
 *
 * <p>Disconnection watches ({@code watchDisconnected} on either handle) live here, not in the
 * flavor: they fire when a count reaches zero or on {@code closeChannel}, events only this class
 * sees, and never because of traffic.
 *
 * <p>The close cause: the first {@code closeChannel} decides, with or without a cause (a
 * sentinel records "closed, no cause"); later calls change nothing. It is written before the
 * flavor is marked disconnected; receivers read it after they observed the mark, a volatile
 * read, so they always see it.
 */
final class Shared<T> implements Discards {
    /** Releases handles that were garbage-collected without {@code close()}. */
    static final Cleaner CLEANER = Cleaner.create();

    /** What both sides share: snapshots, disconnection, counters. */
    final Flavor flavor;
    /** The receive side. */
    final RecvFlavor<T> recv;
    /** The send side with the overflow policy in it, or {@code null} for a timer (no sender). */
    final SendFlavor<T> send;
    private final Consumer<? super T> onDiscard;

    /** Open sender handles; the channel disconnects for receivers when it reaches zero. */
    private volatile int senders = 1;
    /** Open receiver handles; the channel disconnects for senders when it reaches zero. */
    private volatile int receivers = 1;
    /** Recorded by a {@code closeChannel()} without a cause. */
    private static final Throwable NO_CAUSE = new Throwable("closed without a cause");

    /** null while open for sending; then the cause of the first {@code closeChannel}, or NO_CAUSE. */
    private volatile Throwable closeCause;

    private Shared(Flavor flavor, RecvFlavor<T> recv, SendFlavor<T> send, Consumer<? super T> onDiscard,
                   OverflowPolicy overflow, String name) {
        this.flavor = flavor;
        this.recv = recv;
        this.onDiscard = onDiscard;
        this.overflow = overflow;
        this.stats = new ChannelStats(flavor, overflow, name);
        this.send = send == null ? null : send.withOverflow(overflow, this);
    }

    /** A channel whose flavor serves both sides, sending with {@code overflow}. */
    static <T, F extends RecvFlavor<T> & SendFlavor<T>> Shared<T> of(
            F flavor, Consumer<? super T> onDiscard, OverflowPolicy overflow, String name) {
        return new Shared<>(flavor, flavor, flavor, onDiscard, overflow, name);
    }

    /** A channel with no send side (a timer): only a receiver handle exists. */
    static <T> Shared<T> receiveOnly(RecvFlavor<T> flavor) {
        return new Shared<>(flavor, flavor, null, null, OverflowPolicy.BLOCK, null);
    }

    // ==== Overflow and counters ====

    /** What a send does when the channel is full. */
    final OverflowPolicy overflow;
    /** The channel's counters; handles hand it out, monitors may hold it weakly. */
    final ChannelStats stats;

    // Discards: counted before the head moves, handed to the hook after (see Discards).

    @Override
    @SuppressWarnings("unchecked")
    public void rejected(Object msg) {
        stats.droppedNewest.increment();
        if (onDiscard != null) {
            onDiscard.accept((T) msg);
        }
    }

    @Override
    public void reserveEviction() {
        stats.droppedOldest.increment();
    }

    @Override
    public void cancelEviction() {
        stats.droppedOldest.decrement();
    }

    @Override
    @SuppressWarnings("unchecked")
    public void evicted(Object msg) {
        if (onDiscard != null) {
            onDiscard.accept((T) msg);
        }
    }

    @Override
    public void reserveClosed() {
        stats.droppedClosed.increment();
    }

    @Override
    public void cancelClosed() {
        stats.droppedClosed.decrement();
    }

    /** The first exception a close-time hook threw, rethrown once every message was discarded. */
    private RuntimeException closeHookFailure;

    @Override
    @SuppressWarnings("unchecked")
    public void closed(Object msg) {
        if (onDiscard == null) {
            return;
        }
        try {
            onDiscard.accept((T) msg);
        } catch (RuntimeException e) {        // keep discarding: every message gets its call
            if (closeHookFailure == null) {
                closeHookFailure = e;
            } else {
                closeHookFailure.addSuppressed(e);
            }
        }
    }

    /** Adds a sender count; {@code false} if the sending side is already released. */
    boolean acquireSender() {
        return acquire(SENDERS);
    }

    /** Adds a receiver count; {@code false} if the receiving side is already released. */
    boolean acquireReceiver() {
        return acquire(RECEIVERS);
    }

    private boolean acquire(VarHandle count) {
        for (;;) {
            int n = (int) count.getVolatile(this);
            if (n == 0) {
                return false;
            }
            if (count.compareAndSet(this, n, n + 1)) {
                return true;
            }
        }
    }

    void releaseSender() {
        if ((int) SENDERS.getAndAdd(this, -1) == 1) {
            flavor.disconnectSenders();
            fire(RECEIVER_WATCHES);
        }
    }

    void releaseReceiver() {
        if ((int) RECEIVERS.getAndAdd(this, -1) == 1) {
            try {
                discardAll();
            } finally {
                fire(SENDER_WATCHES);
            }
        }
    }

    /**
     * Closes the channel for every sender; receivers drain, then see {@code cause}. Returns
     * {@code true} if this call closed it, {@code false} if an earlier {@code closeChannel} did
     * (whose cause, or absence of one, stands).
     */
    boolean closeForSending(Throwable cause) {
        boolean first = CAUSE.compareAndSet(this, null, cause == null ? NO_CAUSE : cause);
        flavor.disconnectSenders();
        fire(SENDER_WATCHES);
        fire(RECEIVER_WATCHES);
        return first;
    }

    // ==== Disconnection watches ====

    /*
     * Created on first use (most channels never have one), so a channel costs nothing more.
     * Lost-update argument for the lazy creation, a Dekker handshake on two volatiles: a
     * disconnecting thread writes the count (or the cause) and THEN reads the field; a watching
     * thread publishes the field with a CAS and THEN re-reads the condition. One of the two sees
     * the other's write, so the watches are fired at least once; fire() is idempotent.
     */

    /** Watches of senders: "every receiver is gone, or the channel was closed for sending". */
    private volatile DisconnectWatches senderWatches;
    /** Watches of receivers: "every sender is gone, or the channel was closed for sending". */
    private volatile DisconnectWatches receiverWatches;

    /** {@code true} once a send can never succeed again. */
    boolean sendingIsOver() {
        return receivers == 0 || closeCause != null;
    }

    /** {@code true} once no message will ever be sent again (buffered ones may remain). */
    boolean sendersAreGone() {
        return senders == 0 || closeCause != null;
    }

    /** {@code true} while at least one receiver handle is open (or not yet cleaned). */
    boolean hasReceivers() {
        return receivers != 0;
    }

    Watch watchSendingOver(Runnable callback) {
        return watches(SENDER_WATCHES).watch(callback);
    }

    Watch watchSendersGone(Runnable callback) {
        return watches(RECEIVER_WATCHES).watch(callback);
    }

    private DisconnectWatches watches(VarHandle field) {
        DisconnectWatches w = (DisconnectWatches) field.getVolatile(this);
        if (w != null) {
            return w;
        }
        DisconnectWatches created = new DisconnectWatches();
        if (!field.compareAndSet(this, null, created)) {
            return (DisconnectWatches) field.getVolatile(this);
        }
        if (field == SENDER_WATCHES ? sendingIsOver() : sendersAreGone()) {
            created.fire();                          // disconnected before the field was seen
        }
        return created;
    }

    private void fire(VarHandle field) {
        DisconnectWatches w = (DisconnectWatches) field.getVolatile(this);
        if (w != null) {
            w.fire();
        }
    }

    /** The close cause, or {@code null} (none given, or not closed with {@code closeChannel}). */
    Throwable closeCause() {
        Throwable c = closeCause;
        return c == NO_CAUSE ? null : c;
    }

    /** {@code true} once some sender called {@code closeChannel}. */
    boolean isClosedForSending() {
        return closeCause != null;
    }

    /** Runs once, on the thread that released the last receiver count. */
    private void discardAll() {
        flavor.disconnectReceivers(this);
        RuntimeException failure = closeHookFailure;
        if (failure != null) {
            closeHookFailure = null;
            throw failure;
        }
    }

    /** A cleaning action that releases one count; it must not capture the handle. */
    static Runnable releaser(Shared<?> shared, boolean sender) {
        if (shared.onDiscard == null) {
            return new WeakReleaser(shared, sender);
        }
        return sender ? shared::releaseSender : shared::releaseReceiver;
    }

    /** Releases one count if the channel is still reachable through another handle (see above). */
    private static final class WeakReleaser extends WeakReference<Shared<?>> implements Runnable {
        private final boolean sender;

        WeakReleaser(Shared<?> shared, boolean sender) {
            super(shared);
            this.sender = sender;
        }

        @Override
        public void run() {
            Shared<?> shared = get();
            if (shared == null) {
                return;                     // every handle is gone: nobody to tell
            }
            if (sender) {
                shared.releaseSender();
            } else {
                shared.releaseReceiver();
            }
        }
    }

    // VarHandle mechanics
    private static final VarHandle SENDERS;
    private static final VarHandle RECEIVERS;
    private static final VarHandle CAUSE;
    private static final VarHandle SENDER_WATCHES;
    private static final VarHandle RECEIVER_WATCHES;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENDERS = lookup.findVarHandle(Shared.class, "senders", int.class);
            RECEIVERS = lookup.findVarHandle(Shared.class, "receivers", int.class);
            CAUSE = lookup.findVarHandle(Shared.class, "closeCause", Throwable.class);
            SENDER_WATCHES = lookup.findVarHandle(Shared.class, "senderWatches", DisconnectWatches.class);
            RECEIVER_WATCHES = lookup.findVarHandle(Shared.class, "receiverWatches", DisconnectWatches.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
