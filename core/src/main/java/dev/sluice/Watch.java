package dev.sluice;

/**
 * A one-shot readiness registration made with {@link Receiver#watchReceivable(Runnable)} or
 * {@link Sender#watchSendable(Runnable)} (or its room-threshold form
 * {@link Sender#watchSendable(int, Runnable)}).
 *
 * <p>The callback runs at most once per arming. {@link #cancel()} returns {@code true} if it won
 * the race and the callback will never run; {@code false} if the callback has already run or is
 * running. A readiness watch whose callback was called can be armed again with {@link #rearm()},
 * which allocates nothing.
 */
@FunctionalInterface
public interface Watch {
    /**
     * Cancels the registration.
     *
     * @return {@code true} if the callback will never run because of this call
     */
    boolean cancel();

    /**
     * Arms a watch whose callback was already called, so that it is called once more, on the
     * same terms as the first time (at once if the channel is ready now). Allocates nothing:
     * this is how a reactive adapter waits for readiness again and again without a new
     * registration each time. Call it after the callback ran, typically from the code the
     * callback triggered; each successful call yields at most one more call of the callback.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(4);
     * List<String> seen = new ArrayList<>();
     * Watch[] watch = new Watch[1];
     * watch[0] = ch.receiver().watchReceivable(() -> {
     *     for (String m; (m = ch.receiver().poll()) != null; ) seen.add(m);
     *     watch[0].rearm();                               // and tell me about the next one
     * });
     * }</pre>
     *
     * @return {@code true} if the watch is armed again; {@code false} if its callback has not been
     *         called yet (it is still armed), it was cancelled, or it is a one-shot watch
     *         ({@code watchDisconnected}) that cannot fire twice
     */
    default boolean rearm() {
        return false;
    }
}
