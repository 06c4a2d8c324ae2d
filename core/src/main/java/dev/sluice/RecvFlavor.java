package dev.sluice;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * RecvFlavor: the receive side of a channel (crossbeam's {@code ReceiverFlavor}): the buffered
 * flavors and the timers.
 *
 * <p>Implementation notes. Receive operations return either the message or one of the
 * {@link Signal} sentinels, so the hot path allocates nothing; the handle turns sentinels into
 * the public result types. Every asynchronous receive follows one no-loss protocol
 * ({@link ChannelFuture}): cancelling or completing the returned future from outside wins only
 * while no message is or can still be taken for it, so a message is never taken for a future
 * that then drops it.
 *
 * @param <T> message type
 */
interface RecvFlavor<T> extends Flavor {

    /** The next message, or {@link Signal#EMPTY}, or {@link Signal#DISCONNECTED}. */
    Object tryRecv();

    /**
     * The next message, waiting until {@code deadline}; or {@link Signal#TIMEOUT} or
     * {@link Signal#DISCONNECTED}. Interruption and a closed {@code handle} as for
     * {@link SendFlavor#send}: nothing was received.
     */
    Object recv(Deadline deadline, HandleState handle) throws InterruptedException;

    /** Runs {@code callback} once when a receive may succeed or the channel is disconnected. */
    Watch watchRecv(Runnable callback);

    /**
     * Receives asynchronously: completes with the message, or exceptionally with
     * {@code disconnected.get()}. Every way to complete or cancel the returned future from
     * outside either is refused or leaves the channel as if the operation never happened.
     */
    CompletableFuture<T> recvAsync(Supplier<? extends Throwable> disconnected);

    /**
     * Registers a {@link Select}'s receive arm and re-checks readiness after registering;
     * {@code true} if the arm may proceed now, in which case the caller aborts its wait.
     */
    boolean registerRecv(Waiter arm);

    /** Removes an arm registered by {@link #registerRecv}; idempotent. */
    void unregisterRecv(Waiter arm);

    /** {@code true} if a receive may succeed now or the channel is disconnected. Never waits for another party. */
    boolean isRecvReady();

    /** As {@link SendFlavor#selectionCompletes()}. */
    boolean selectionCompletes();

    /** The {@link System#nanoTime()} at which a timer becomes ready, or {@link Long#MAX_VALUE}. */
    default long readyAtNanos() {
        return Long.MAX_VALUE;
    }
}
