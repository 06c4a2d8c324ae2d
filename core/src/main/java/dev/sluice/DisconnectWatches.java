package dev.sluice;

import java.util.ArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * DisconnectWatches: the one-shot "the other side is gone" watches of one side of a channel
 * ({@link Sender#watchDisconnected}, {@link Receiver#watchDisconnected}).
 *
 * <p>Implementation notes. A readiness watch ({@code watchSendable}/{@code watchReceivable}) fires
 * on the next change of either kind, so a party that only wants to hear about disconnection would
 * have to re-arm it after every message; these watches fire once, when the side is disconnected,
 * and never because of traffic. The list is a {@link Waker}'s observers under a lock of its own,
 * so the channel's hot paths never see it. {@link #fire} is called by whatever disconnects the
 * side (the last handle of the other side closing or being cleaned, or a {@code closeChannel});
 * it is idempotent.
 *
 * <p>Invariant: a watch registered before {@link #fire} is fired by it; one registered after
 * fires at once on the registering thread. Both hold because registering and firing decide under
 * the same lock, on {@code fired}. Callbacks run after the lock is released, through the
 * {@link Trampoline} ({@link CallbackWaiter#wake}); cancelling races with firing on the waiter's
 * CAS, so a cancelled watch never fires.
 */
final class DisconnectWatches {
    private final ReentrantLock lock = new ReentrantLock();
    private final Waker watches = new Waker();
    private boolean fired;

    /** Registers {@code callback}; runs it at once if the side is already disconnected. */
    Watch watch(Runnable callback) {
        CallbackWaiter watch = new CallbackWaiter(callback, this::unwatch);
        boolean now;
        lock.lock();
        try {
            now = fired;
            if (!now) {
                watches.watch(watch);
            }
        } finally {
            lock.unlock();
        }
        if (now && watch.trySelect(Waiter.OPERATION)) {
            watch.wake();
        }
        return watch;
    }

    private void unwatch(Waiter watch) {
        lock.lock();
        try {
            watches.unwatch(watch);
        } finally {
            lock.unlock();
        }
    }

    /** Marks the side disconnected and fires every registered watch (once; later calls do nothing). */
    void fire() {
        Object toWake;
        lock.lock();
        try {
            if (fired) {
                return;
            }
            fired = true;
            toWake = watches.takeObservers();
        } finally {
            lock.unlock();
        }
        Waker.wakeAll(null, toWake);
    }
}
