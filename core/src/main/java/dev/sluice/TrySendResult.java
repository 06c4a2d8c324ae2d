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
 *     case DROPPED -> { }                      // DROP_NEWEST only: the discard hook has it
 * }
 * }</pre>
 */
public enum TrySendResult {
    /** The message was handed to the channel. */
    OK,
    /** The channel is full (or, for a rendezvous channel, no receiver is waiting right now). */
    FULL,
    /** Every receiver is closed, or the channel was closed for sending; the message was not sent. */
    DISCONNECTED,
    /**
     * Only from a full {@link OverflowPolicy#DROP_NEWEST} channel: the message was rejected,
     * handed to the discard hook and counted; it will never be received. Channels with other
     * policies never return it.
     */
    DROPPED;

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

    /** {@code true} for {@link #DROPPED} (DROP_NEWEST channels only). */
    public boolean isDropped() {
        return this == DROPPED;
    }
}
