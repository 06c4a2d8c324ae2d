package dev.sluice;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * SendFlavor: the send side of a channel, the one path that every send goes through: the four
 * forms of {@link Sender}, a {@link Select}'s send arms and the reactive bridge (which uses the
 * public forms).
 *
 * <p>Implementation notes. crossbeam's {@code SenderFlavor}. The overflow policy is part of this
 * path, not of the handle: {@link #withOverflow} returns the send side that a channel with that
 * policy uses, so no send form can bypass it. {@code BLOCK} is the flavor itself (nothing in
 * between on the fast path); {@code DROP_NEWEST} wraps any send side ({@link DropNewest});
 * {@code DROP_OLDEST} needs to evict through the buffer's head, so only a flavor with a buffer
 * it can overwrite provides it ({@link ArrayFlavor}).
 *
 * @param <T> message type
 */
interface SendFlavor<T> {

    /** Sends without blocking: OK, FULL, DISCONNECTED, or DROPPED (a dropping policy). */
    TrySendResult trySend(T msg);

    /**
     * Sends, waiting until {@code deadline} for room (or for a receiver, for a rendezvous).
     * Throws {@link InterruptedException} if called with the interrupt status set, or interrupted
     * while waiting, and then the message was not sent. Throws
     * {@link HandleState#closedWhileWaiting()} if {@code handle} was closed while it waited.
     */
    SendTimeoutResult send(T msg, Deadline deadline, HandleState handle) throws InterruptedException;

    /** Sends asynchronously: completes with {@code null}, or exceptionally with {@code disconnected.get()}. */
    CompletableFuture<Void> sendAsync(T msg, Supplier<? extends Throwable> disconnected);

    /**
     * Runs {@code callback} once when at least {@code minFree} (&ge; 1, already capped by the
     * caller where that applies) sends may succeed without waiting, or the channel is
     * disconnected. {@code minFree == 1}: "a send may succeed".
     */
    Watch watchSend(int minFree, Runnable callback);

    /**
     * Registers a {@link Select}'s send arm (carrying {@code msg}) and re-checks readiness after
     * registering ("ready just now?"); {@code true} if the arm may proceed now, in which case the
     * caller aborts its wait.
     */
    boolean registerSend(Waiter arm, Object msg);

    /** Removes an arm registered by {@link #registerSend}; idempotent. */
    void unregisterSend(Waiter arm);

    /** {@code true} if a send may succeed now or the channel is disconnected. Never waits for another party. */
    boolean isSendReady();

    /**
     * {@code true} if the selection of a registered arm is the completed operation itself (the
     * rendezvous hand-off), not a hint to retry.
     */
    boolean selectionCompletes();

    /**
     * The send side of a channel with {@code policy}: this flavor for {@code BLOCK}, else a send
     * side that never waits and hands what it drops to {@code discards}.
     *
     * @throws IllegalArgumentException if this flavor cannot drop that way
     */
    default SendFlavor<T> withOverflow(OverflowPolicy policy, Discards discards) {
        switch (policy) {
            case BLOCK:
                return this;
            case DROP_NEWEST:
                return new DropNewest<>(this, discards);
            default:
                throw new IllegalArgumentException(policy + " needs a bounded channel with capacity >= 1");
        }
    }
}
