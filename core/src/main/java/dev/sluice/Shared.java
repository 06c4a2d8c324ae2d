package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Cleaner;
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
 * through {@link #CLEANER} when they become unreachable unclosed. The cleaning action references
 * this object, never the handle.
 *
 * <p>The close cause is written (first writer wins) before the flavor is marked disconnected;
 * receivers read it after they observed the mark, a volatile read, so they always see it.
 */
final class Shared<T> {
    /** Releases handles that were garbage-collected without {@code close()}. */
    static final Cleaner CLEANER = Cleaner.create();

    final Flavor<T> flavor;
    private final Consumer<? super T> onDiscard;

    /** Open sender handles; the channel disconnects for receivers when it reaches zero. */
    private volatile int senders = 1;
    /** Open receiver handles; the channel disconnects for senders when it reaches zero. */
    private volatile int receivers = 1;
    /** The cause given to {@code closeChannel(cause)}, first one wins; null for none. */
    private volatile Throwable closeCause;

    Shared(Flavor<T> flavor, Consumer<? super T> onDiscard) {
        this.flavor = flavor;
        this.onDiscard = onDiscard;
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
        }
    }

    void releaseReceiver() {
        if ((int) RECEIVERS.getAndAdd(this, -1) == 1) {
            discardAll();
        }
    }

    /** Closes the channel for every sender; receivers drain, then see {@code cause}. */
    void closeForSending(Throwable cause) {
        if (cause != null) {
            CAUSE.compareAndSet(this, null, cause);
        }
        flavor.disconnectSenders();
    }

    Throwable closeCause() {
        return closeCause;
    }

    @SuppressWarnings("unchecked")
    private void discardAll() {
        RuntimeException[] firstFailure = {null};
        flavor.disconnectReceivers(msg -> {
            if (onDiscard != null) {
                try {
                    onDiscard.accept((T) msg);
                } catch (RuntimeException e) {    // keep discarding: every message gets its call
                    if (firstFailure[0] == null) {
                        firstFailure[0] = e;
                    } else {
                        firstFailure[0].addSuppressed(e);
                    }
                }
            }
        });
        if (firstFailure[0] != null) {
            throw firstFailure[0];
        }
    }

    /** A cleaning action that releases one count; it must not capture the handle. */
    static Runnable releaser(Shared<?> shared, boolean sender) {
        return sender ? shared::releaseSender : shared::releaseReceiver;
    }

    // VarHandle mechanics
    private static final VarHandle SENDERS;
    private static final VarHandle RECEIVERS;
    private static final VarHandle CAUSE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            SENDERS = lookup.findVarHandle(Shared.class, "senders", int.class);
            RECEIVERS = lookup.findVarHandle(Shared.class, "receivers", int.class);
            CAUSE = lookup.findVarHandle(Shared.class, "closeCause", Throwable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
