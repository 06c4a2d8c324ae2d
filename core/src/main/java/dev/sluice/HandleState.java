package dev.sluice;

/**
 * HandleState: whether one {@link Sender} or {@link Receiver} handle is closed, shared with the
 * operations blocked on it.
 *
 * <p>Implementation notes. A blocked call registers its waiter with this object as the waiter's
 * {@link Waiter#handle}; {@code close()} first sets {@link #closed} (volatile), then aborts every
 * waiter registered through this handle ({@link Flavor#abortWaitersOf}). A waiter registers,
 * then re-checks {@link #isClosed()}: at least one of the two sees the other (the Dekker
 * handshake of {@link SyncWaker}), so a thread blocked on a handle that is closed by another
 * thread always wakes, whether or not other clones keep the channel open. It then throws
 * {@link #closedWhileWaiting()} having transferred nothing.
 */
final class HandleState {
    private final String kind;
    private volatile boolean closed;

    HandleState(String kind) {
        this.kind = kind;
    }

    boolean isClosed() {
        return closed;
    }

    /** Marks the handle closed; {@code true} if it was open (two racing closers may both see that: the
     * count is released through an idempotent {@code Cleanable}, and aborting waiters is idempotent). */
    boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    /** The exception for a call on a closed handle. */
    IllegalStateException closedError() {
        return new IllegalStateException("this " + kind + " is closed");
    }

    /** The exception for a call that was waiting when another thread closed its handle. */
    IllegalStateException closedWhileWaiting() {
        return new IllegalStateException("this " + kind + " was closed by another thread while this call was"
                + " waiting on it; nothing was " + (kind.equals("Sender") ? "sent" : "received"));
    }
}
