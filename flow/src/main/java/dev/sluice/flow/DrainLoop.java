package dev.sluice.flow;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * DrainLoop: the work-in-progress loop (a serialized trampoline) that every adapter of this
 * package runs: {@link ReceiverPublisher}'s subscription and {@link SenderSubscriber}.
 *
 * <p>Algorithm: Reactor's and RxJava's {@code wip}/{@code missed} drain idiom. Signals, watch
 * callbacks and future completions never do the work themselves: they set a flag or enqueue,
 * then call {@link #drain()}. The call that moves {@code wip} from 0 to 1 runs {@link #round()}
 * until no call was missed meanwhile (each missed call added one to {@code wip}); the others
 * return at once. Invariants: at most one thread runs a round at a time; a signal arriving during
 * a round is never lost (it forces another round); a callback that fires synchronously inside a
 * round only counts a missed round instead of recursing, so the stack stays flat. Fields read
 * and written only inside rounds need no synchronization of their own: the atomic updates of
 * {@code wip} order them between successive owners. A round that returns {@code true} ends the
 * loop for good: {@code wip} stays non-zero, so no later call runs a round again.
 */
abstract class DrainLoop {
    private volatile int wip;
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<DrainLoop> WIP =
            AtomicIntegerFieldUpdater.newUpdater(DrainLoop.class, "wip");

    /** One round of work; {@code true} once the adapter is finished for good. Must not throw. */
    abstract boolean round();

    /** Runs rounds now, or makes the thread already running them run one more. Never blocks. */
    final void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        do {
            if (round()) {
                return;                              // over: wip stays non-zero for good
            }
            missed = WIP.addAndGet(this, -missed);
        } while (missed != 0);
    }
}
