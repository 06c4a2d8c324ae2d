package dev.sluice;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * DroppingSend: the send side of a channel whose overflow policy drops instead of waiting.
 *
 * <p>Implementation notes. Every form is the one non-blocking {@link #offer}: OK, DROPPED or
 * DISCONNECTED, never FULL. So a blocking or timed send returns at once, an async send is
 * complete when returned, a send watch fires at once, and a {@link Select}'s send arm is always
 * ready: it never registers, and its try completes (the message buffered, or dropped and
 * counted). Disconnection is reported as for any channel.
 *
 * @param <T> message type
 */
abstract class DroppingSend<T> implements SendFlavor<T> {

    /** Sends or drops without waiting: OK, DROPPED or DISCONNECTED. */
    abstract TrySendResult offer(T msg);

    @Override
    public final TrySendResult trySend(T msg) {
        return offer(msg);
    }

    @Override
    public final SendTimeoutResult send(T msg, Deadline deadline, HandleState handle) {
        switch (offer(msg)) {
            case OK: return SendTimeoutResult.OK;
            case DROPPED: return SendTimeoutResult.DROPPED;
            default: return SendTimeoutResult.DISCONNECTED;
        }
    }

    @Override
    public final CompletableFuture<Void> sendAsync(T msg, Supplier<? extends Throwable> disconnected) {
        return offer(msg) == TrySendResult.DISCONNECTED
                ? ChannelFuture.done(null, disconnected.get())
                : ChannelFuture.done(null, null);              // refuses obtrude, like every send future
    }

    @Override
    public final Watch watchSend(int minFree, Runnable callback) {
        return CallbackWaiter.firedNow(callback);             // a dropping send is always possible
    }

    @Override
    public final boolean registerSend(Waiter arm, Object msg) {
        return true;                                          // ready: the select retries its try
    }

    @Override
    public final void unregisterSend(Waiter arm) {
    }

    @Override
    public final boolean isSendReady() {
        return true;
    }

    /** A selection is a hint to retry: the select's try completes the operation. */
    @Override
    public final boolean selectionCompletes() {
        return false;
    }
}
