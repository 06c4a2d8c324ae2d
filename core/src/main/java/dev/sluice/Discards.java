package dev.sluice;

/**
 * Discards: where a channel's dropped messages go, and how they are counted.
 *
 * <p>Implementation notes. {@code received} is derived: the buffer's head count minus the
 * evictions and close-time discards that also moved the head ({@link ChannelStats}). So that a
 * concurrent read never sees a head move whose drop is not counted yet (which would count it
 * as received), a drop that moves the head is <em>reserved</em> (counted) before the head
 * moves and the reservation is cancelled if the move does not happen. A reader that reads the
 * head first and the drop counts second then sees at least every drop behind the head it read,
 * so it never over-counts, and at quiescence it is exact. The hook runs after the move.
 * {@link Shared} implements it; the defaults do nothing (tests, channels without counters).
 */
interface Discards {

    /** A DROP_NEWEST rejection: never entered the buffer; counted and handed to the hook. */
    default void rejected(Object msg) {
    }

    /** Counts an eviction about to move the head (DROP_OLDEST). */
    default void reserveEviction() {
    }

    /** The head did not move after all: withdraws {@link #reserveEviction()}. */
    default void cancelEviction() {
    }

    /** An evicted message, already counted: to the hook. */
    default void evicted(Object msg) {
    }

    /** Counts a close-time discard about to move the head. */
    default void reserveClosed() {
    }

    /** Withdraws {@link #reserveClosed()}: nothing was left to discard. */
    default void cancelClosed() {
    }

    /** A message still buffered when the last receiver closed, already counted: to the hook. */
    default void closed(Object msg) {
    }
}
