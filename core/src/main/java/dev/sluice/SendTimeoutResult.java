package dev.sluice;

/**
 * The outcome of {@link Sender#sendTimeout} and {@link Sender#sendDeadline}: Rust's
 * {@code Result<(), SendTimeoutError<T>>}.
 *
 * <p>On {@link #TIMEOUT} or {@link #DISCONNECTED} the message was not sent and is still the
 * caller's: nothing was lost or half-delivered.
 */
public enum SendTimeoutResult {
    /** The message was handed to the channel. */
    OK,
    /** The deadline passed while the channel stayed full (or no receiver came to a rendezvous). */
    TIMEOUT,
    /** Every receiver is closed, or the channel was closed for sending; the message was not sent. */
    DISCONNECTED,
    /**
     * Only from a full {@link OverflowPolicy#DROP_NEWEST} channel: the message was rejected at
     * once (no waiting), handed to the discard hook and counted.
     */
    DROPPED;

    /** {@code true} for {@link #OK}. */
    public boolean isOk() {
        return this == OK;
    }

    /** {@code true} for {@link #TIMEOUT}. */
    public boolean isTimeout() {
        return this == TIMEOUT;
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
