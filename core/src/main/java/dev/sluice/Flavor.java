package dev.sluice;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Flavor: the operations every channel implementation provides; handles dispatch to one.
 *
 * <p>Implementation notes. The method set is crossbeam's {@code SenderFlavor}/{@code
 * ReceiverFlavor}: {@link ArrayFlavor} (bounded, n &ge; 1), {@link ZeroFlavor} (rendezvous) and
 * {@link ListFlavor} (unbounded). Receive operations return either the message or one of the
 * {@link Signal} sentinels, so the hot path allocates nothing; the handle turns sentinels into
 * the public result types. Handle counting, close causes and use-after-close checks live in
 * {@link Shared} and the handles, not here.
 *
 * @param <T> message type
 */
sealed interface Flavor<T> permits ArrayFlavor, ListFlavor, ZeroFlavor, TimerFlavor {

    /** Sends without blocking. */
    TrySendResult trySend(T msg);

    /**
     * Sends, waiting until {@code deadline} for room (or for a receiver, for a rendezvous).
     * Throws {@link InterruptedException} if called with the interrupt status set, or interrupted
     * while waiting, and then the message was not sent. Throws
     * {@link HandleState#closedWhileWaiting()} if {@code handle} was closed while it waited.
     */
    SendTimeoutResult send(T msg, Deadline deadline, HandleState handle) throws InterruptedException;

    /** The next message, or {@link Signal#EMPTY}, or {@link Signal#DISCONNECTED}. */
    Object tryRecv();

    /**
     * The next message, waiting until {@code deadline}; or {@link Signal#TIMEOUT} or
     * {@link Signal#DISCONNECTED}. Interruption and a closed {@code handle} as for {@link #send}:
     * nothing was received.
     */
    Object recv(Deadline deadline, HandleState handle) throws InterruptedException;

    /** Wakes the calls blocked on {@code handle}, which is being closed (see {@link HandleState}). */
    void abortWaitersOf(HandleState handle);

    /** Messages buffered now (a snapshot). */
    int len();

    /** The capacity, or -1 for unbounded. */
    int capacity();

    boolean isEmpty();

    boolean isFull();

    /** {@code true} once either side has disconnected. */
    boolean isDisconnected();

    /** Disconnects the receiving side's view: the last sender is gone. Idempotent. */
    void disconnectSenders();

    /**
     * The last receiver is gone: blocked and future sends fail at once and every buffered
     * message is handed to {@code discard} (exactly once). Idempotent.
     */
    void disconnectReceivers(Consumer<Object> discard);

    /** Runs {@code callback} once when a receive may succeed or the channel is disconnected. */
    Watch watchRecv(Runnable callback);

    /** Runs {@code callback} once when a send may succeed or the channel is disconnected. */
    Watch watchSend(Runnable callback);

    /**
     * Receives asynchronously: completes with the message, or exceptionally with
     * {@code disconnected.get()}. Every way to complete or cancel the returned future from
     * outside either is refused or leaves the channel as if the operation never happened.
     */
    CompletableFuture<T> recvAsync(Supplier<? extends Throwable> disconnected);

    /** Sends asynchronously: completes with {@code null}, or exceptionally with {@code disconnected.get()}. */
    CompletableFuture<Void> sendAsync(T msg, Supplier<? extends Throwable> disconnected);

    // ==== Counters (issue 11): read by ChannelStats, never written on the fast path ====
    // Defaults of 0 let a new flavor (timers) compile before it counts anything.

    /** Messages accepted so far (derived from the tail position, or counted under a lock). */
    default long sentCount() {
        return 0;
    }

    /** Messages taken from the buffer so far, by receivers, evictions and close-time discards. */
    default long takenCount() {
        return 0;
    }

    /** Send operations registered as waiting now. */
    default int sendersWaiting() {
        return 0;
    }

    /** Receive operations registered as waiting now. */
    default int receiversWaiting() {
        return 0;
    }

    /** Cumulative nanoseconds send operations spent parked. */
    default long sendBlockedNanos() {
        return 0;
    }

    /** Number of times a send operation parked. */
    default long sendBlockedCount() {
        return 0;
    }

    // ==== Select ====

    /**
     * Registers one arm of a {@link Select} ({@code send}: a send of {@code msg}, else a receive)
     * and re-checks readiness ("ready just now?") after registering; {@code true} if the arm may
     * proceed now, in which case the caller aborts its wait. For the zero flavor a selection of
     * {@code arm} is a completed hand-off; for the others it is a hint to retry.
     */
    boolean registerSelect(Waiter arm, boolean send, Object msg);

    /** Removes an arm registered by {@link #registerSelect}; idempotent. */
    void unregisterSelect(Waiter arm, boolean send);

    /**
     * {@code true} if an operation on this side may succeed now or the channel is disconnected,
     * not counting waiters of {@code self} (the zero flavor's "never pair with itself").
     */
    boolean isReady(boolean send, Object self);

    /** The {@link System#nanoTime()} at which a timer becomes ready, or {@link Long#MAX_VALUE}. */
    default long readyAtNanos() {
        return Long.MAX_VALUE;
    }
}
