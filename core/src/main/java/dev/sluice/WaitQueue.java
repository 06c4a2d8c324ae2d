package dev.sluice;

/**
 * WaitQueue: where a waiting operation of one side of a channel registers, so that the change
 * it waits for selects it.
 *
 * <p>{@link SyncWaker} is the queue of a buffered flavor (a successful operation on the other
 * side notifies it); a timer's queue is its clock ({@link TimerFlavor}). {@link PollingFuture},
 * the asynchronous operation of both, needs nothing else.
 */
interface WaitQueue {

    /** Registers a selector unless it already left {@code WAITING}. */
    void register(Waiter waiter);

    /** Removes a selector; idempotent. */
    void unregister(Waiter waiter);

    /** Passes a selection that its waiter will not use on to another waiting operation. */
    void notifyOne();
}
