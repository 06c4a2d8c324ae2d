package dev.sluice.reactor;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * DrainLoop: Reactor's work-in-progress loop, the one concurrency device of every bridge
 * adapter ({@link FluxReceiver}'s subscription and {@link MonoSendInto}'s sending subscriber).
 *
 * <p>Implementation notes. Signals, watch callbacks and future completions never do the work
 * themselves: they set a flag or enqueue, then call {@link #drain()}. The call that moves
 * {@code wip} from 0 to 1 runs {@link #round()} until no call was missed meanwhile (each missed
 * call added one to {@code wip}); the others return at once. So at most one thread runs a round
 * at a time, a signal arriving during a round is never lost (it forces another round), and a
 * callback that fires synchronously inside a round only counts a missed round instead of
 * recursing. Fields read and written only inside rounds need no synchronization of their own:
 * the atomic updates of {@code wip} order them between successive owners. A round that returns
 * {@code true} ends the loop for good: {@code wip} stays non-zero, so no later call runs again.
 */
abstract class DrainLoop {
    private volatile int wip;
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<DrainLoop> WIP =
            AtomicIntegerFieldUpdater.newUpdater(DrainLoop.class, "wip");

    /** One round of work; {@code true} once the adapter is finished for good. Must not throw. */
    abstract boolean round();

    /** Runs rounds now, or makes the thread already running them run one more. */
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
