package dev.sluice;

/**
 * The outcome of {@link Sender#trySend(Object)}: Rust's {@code Result<(), TrySendError<T>>}.
 *
 * <p>The message itself is not wrapped: in Java the caller still holds it, so on {@link #FULL}
 * or {@link #DISCONNECTED} nothing was taken from it and it may be retried or released.
 * {@link #DISCONNECTED} wins over {@link #FULL}: a full channel whose receivers are all closed
 * reports {@code DISCONNECTED}, because waiting would never help.
 *
 * <pre>{@code
 * switch (tx.trySend(job)) {
 *     case OK -> { }
 *     case FULL -> backlog.add(job);           // try again later
 *     case DISCONNECTED -> job.release();      // nobody will ever read it
 * }
 * }</pre>
 */
public enum TrySendResult {
    /** The message was handed to the channel. */
    OK,
    /** The channel is full (or, for a rendezvous channel, no receiver is waiting right now). */
    FULL,
    /** Every receiver is closed, or the channel was closed for sending; the message was not sent. */
    DISCONNECTED;

    /** {@code true} for {@link #OK}. */
    public boolean isOk() {
        return this == OK;
    }

    /** {@code true} for {@link #FULL}. */
    public boolean isFull() {
        return this == FULL;
    }

    /** {@code true} for {@link #DISCONNECTED}. */
    public boolean isDisconnected() {
        return this == DISCONNECTED;
    }
}
