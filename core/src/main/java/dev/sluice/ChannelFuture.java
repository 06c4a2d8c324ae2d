package dev.sluice;

import java.util.concurrent.CompletableFuture;

/**
 * ChannelFuture: a {@link CompletableFuture} for {@code sendAsync}/{@code recvAsync} that can
 * never lose a message to an outside completion.
 *
 * <p>Implementation notes. A plain future would let {@code cancel}, {@code orTimeout} or
 * {@code complete} race with the channel: a message could be taken from the channel and then
 * dropped because the future was already cancelled. Here every outside completion must first win
 * {@link #tryAbort()}, which succeeds only if no transfer has happened or can still happen; the
 * channel completes the future through {@link #completeInternally}/{@link #failInternally}.
 * Dependent stages are ordinary futures.
 */
abstract class ChannelFuture<V> extends CompletableFuture<V> {

    /** Withdraws the pending operation; {@code true} if it will never transfer a message. */
    abstract boolean tryAbort();

    final void completeInternally(V value) {
        super.complete(value);
    }

    final void failInternally(Throwable error) {
        super.completeExceptionally(error);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        return !isDone() && tryAbort() && super.cancel(mayInterruptIfRunning);
    }

    @Override
    public boolean complete(V value) {
        return !isDone() && tryAbort() && super.complete(value);
    }

    @Override
    public boolean completeExceptionally(Throwable ex) {
        return !isDone() && tryAbort() && super.completeExceptionally(ex);
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
