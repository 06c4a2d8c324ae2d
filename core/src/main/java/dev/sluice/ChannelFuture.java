package dev.sluice;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

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
 *
 * <p>Every public way in: {@code cancel}, {@code complete}, {@code completeExceptionally} and
 * what is built on them ({@code orTimeout}, {@code completeOnTimeout}) go through
 * {@link #tryAbort()}; {@code completeAsync}, which in the JDK completes the future without
 * calling {@code complete}, is rerouted through {@code complete}; {@code obtrudeValue} and
 * {@code obtrudeException}, which overwrite even a completed result (a received message would
 * be lost), are refused. {@code copy()}, {@code minimalCompletionStage()} and dependent stages
 * are new futures ({@link #newIncompleteFuture()}): completing them cannot touch this one.
 */
abstract class ChannelFuture<V> extends CompletableFuture<V> {

    /** Withdraws the pending operation; {@code true} if it will never transfer a message. */
    abstract boolean tryAbort();

    /** A future for an operation that already completed (an unbounded send): nothing to withdraw. */
    static <V> ChannelFuture<V> done(V value, Throwable error) {
        ChannelFuture<V> f = new ChannelFuture<>() {
            @Override
            boolean tryAbort() {
                return false;
            }
        };
        if (error != null) {
            f.failInternally(error);
        } else {
            f.completeInternally(value);
        }
        return f;
    }

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

    /** Runs {@code supplier} on {@code executor} and completes through {@link #complete}. */
    @Override
    public CompletableFuture<V> completeAsync(Supplier<? extends V> supplier, Executor executor) {
        Objects.requireNonNull(supplier, "supplier");
        Objects.requireNonNull(executor, "executor");
        executor.execute(() -> {
            if (isDone()) {
                return;
            }
            V value;
            try {
                value = supplier.get();
            } catch (Throwable t) {
                completeExceptionally(t);
                return;
            }
            complete(value);
        });
        return this;
    }

    @Override
    public CompletableFuture<V> completeAsync(Supplier<? extends V> supplier) {
        return completeAsync(supplier, defaultExecutor());
    }

    /** Refused: overwriting the outcome of a channel operation could drop a message. */
    @Override
    public void obtrudeValue(V value) {
        throw new UnsupportedOperationException("obtrudeValue: the outcome of a channel operation cannot be overwritten");
    }

    /** Refused: overwriting the outcome of a channel operation could drop a message. */
    @Override
    public void obtrudeException(Throwable ex) {
        throw new UnsupportedOperationException("obtrudeException: the outcome of a channel operation cannot be overwritten");
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new CompletableFuture<>();
    }
}
