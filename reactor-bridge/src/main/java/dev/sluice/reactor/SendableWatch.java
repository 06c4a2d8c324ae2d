package dev.sluice.reactor;

import dev.sluice.Sender;
import dev.sluice.Watch;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;

/**
 * SendableWatch: a re-armable "tell me when this sender may send" registration that calls a
 * drain loop back, used by the adapters that send into a channel ({@link SenderSubscriber},
 * {@link ReceiverSubscriber}).
 *
 * <p>Implementation notes. Core's {@link Sender#watchSendable(Runnable)} is one-shot; this class
 * keeps at most one registration outstanding ({@link #armed}) and re-registers on request. The
 * callback clears {@code armed} before calling back, so a drain loop that finds the channel
 * still full can arm again at once; a callback that fires while its registration is still in
 * progress (the channel was ready "just now") simply re-enters the drain loop, which counts a
 * missed round.
 *
 * <p><b>Rendezvous hop.</b> For a rendezvous channel, a send-readiness callback runs on the
 * thread of the receiver that just started waiting, before that thread parks, and core never
 * pairs a thread with itself. When {@code hopWhenAsync} is set, a callback that fires on another
 * thread than the one registering it therefore continues through {@link RendezvousHop}, on a
 * thread that can pair with the waiting receiver. A callback firing synchronously during
 * registration (the receiver was already waiting) runs in place.
 */
final class SendableWatch {
    private final Sender<?> sender;
    private final Runnable onReady;
    private final boolean hopWhenAsync;

    /** 1 while a registration is outstanding. */
    private volatile int armed;
    private static final AtomicIntegerFieldUpdater<SendableWatch> ARMED =
            AtomicIntegerFieldUpdater.newUpdater(SendableWatch.class, "armed");

    /** The thread inside {@link #arm()} right now, to tell a synchronous callback from a late one. */
    private volatile @Nullable Thread registering;
    /** The last registration, for {@link #cancel()}. */
    private volatile @Nullable Watch watch;

    /**
     * @param sender the handle to watch (must stay open while armed)
     * @param onReady the drain loop to call back; must not throw
     * @param hopWhenAsync {@code true} for a rendezvous channel (see the class notes)
     */
    SendableWatch(Sender<?> sender, Runnable onReady, boolean hopWhenAsync) {
        this.sender = sender;
        this.onReady = onReady;
        this.hopWhenAsync = hopWhenAsync;
    }

    /** Registers for readiness unless a registration is already outstanding. */
    void arm() {
        if (armed != 0 || !ARMED.compareAndSet(this, 0, 1)) {
            return;
        }
        registering = Thread.currentThread();
        try {
            watch = sender.watchSendable(this::fire);
        } finally {
            registering = null;
        }
    }

    /** Withdraws the outstanding registration, if any. */
    void cancel() {
        Watch w = watch;
        if (w != null) {
            watch = null;
            w.cancel();
        }
    }

    private void fire() {
        armed = 0;
        if (hopWhenAsync && registering != Thread.currentThread()) {
            RendezvousHop.run(onReady);
        } else {
            onReady.run();
        }
    }
}
