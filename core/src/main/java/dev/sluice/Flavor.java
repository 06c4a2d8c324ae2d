package dev.sluice;

/**
 * Flavor: what every channel implementation shares, whichever side a handle uses: snapshots,
 * disconnection, aborting the waiters of a closing handle, and the counters.
 *
 * <p>Implementation notes. crossbeam splits its flavors by role: a {@code SenderFlavor} (array,
 * list, zero) and a {@code ReceiverFlavor} (those three, plus at, tick and never). So do we:
 * {@link SendFlavor} is the send side, {@link RecvFlavor} the receive side, and this interface
 * what both see. {@link ArrayFlavor} (bounded, n &ge; 1), {@link ZeroFlavor} (rendezvous) and
 * {@link ListFlavor} (unbounded) implement both roles; {@link TimerFlavor} (after, at, tick,
 * never) only the receive side, so it has no send method to refuse. Handle counting, close
 * causes and use-after-close checks live in {@link Shared} and the handles, not here.
 */
interface Flavor {

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
     * message is handed to {@code discards} (exactly once), each counted before it leaves the
     * buffer ({@link Discards#reserveClosed()}). Idempotent.
     */
    void disconnectReceivers(Discards discards);

    // ==== Counters: read by ChannelStats, never written on the fast path ====

    /** Messages accepted so far (derived from the tail position, or counted under a lock). */
    long sentCount();

    /** Messages taken from the buffer so far, by receivers, evictions and close-time discards. */
    long takenCount();

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
}
