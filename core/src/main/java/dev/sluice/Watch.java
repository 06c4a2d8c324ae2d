package dev.sluice;

/**
 * A one-shot readiness registration made with {@link Receiver#watchReceivable(Runnable)} or
 * {@link Sender#watchSendable(Runnable)}.
 *
 * <p>The callback runs at most once. {@link #cancel()} returns {@code true} if it won the race and
 * the callback will never run; {@code false} if the callback has already run or is running.
 */
@FunctionalInterface
public interface Watch {
    /**
     * Cancels the registration.
     *
     * @return {@code true} if the callback will never run because of this call
     */
    boolean cancel();
}
