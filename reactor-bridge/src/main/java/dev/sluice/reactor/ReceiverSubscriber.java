package dev.sluice.reactor;

import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;

/**
 * ReceiverSubscriber: the Reactive Streams {@code Subscriber} behind
 * {@link ChannelFlux#toReceiver}: it feeds a private channel whose {@link dev.sluice.Receiver} a
 * blocking consumer reads, and never asks its upstream for more than the channel can hold.
 *
 * <p>It holds the channel's only sender. Upstream completion closes the channel (receivers drain,
 * then see disconnection), an upstream error closes it with that error as cause (receivers drain,
 * then get it), and closing the last receiver cancels the upstream. {@code onNext} never blocks.
 *
 * @param <T> the message type
 */
final class ReceiverSubscriber<T> implements CoreSubscriber<T>, Scannable {
    /*
     * Implementation notes.
     *
     * Overview. onNext hands each item to the channel with trySend, then calls drain(); the drain
     * loop decides how much to request and when. Only this subscriber sends into the channel, so
     * the room it sees can only grow behind its back (receivers take), never shrink.
     *
     * Demand, bounded(n). `outstanding` = requested - received (`received` is written by onNext
     * only). free = n - len() - outstanding, where len() is a snapshot that can only be too large.
     * Invariant [1]: requested - (items taken by receivers) <= n, so every compliant onNext finds a
     * free slot and trySend returns OK: upstream demand never exceeds the free capacity. A round
     * requests `free` when nothing is outstanding, or when free >= the 75% replenish limit
     * (batching while items flow); with nothing outstanding and no free slot (the channel is full)
     * it arms a SendableWatch, whose callback (a receiver took a message, on the receiver's thread)
     * calls drain(). With items outstanding it waits for onNext, which drains again.
     *
     * Demand, rendezvous. A request(1) is made only after a send-readiness callback fired (a
     * receiver is waiting). If that receiver gave up before the item arrived (recvTimeout), the item
     * is parked as a pending sendAsync(), which the next receiver takes; no request is made until
     * it is taken. Late callbacks continue through RendezvousHop (see SendableWatch): a callback runs
     * on the waiting receiver's own thread, which cannot pair with itself.
     *
     * Demand, unbounded: Long.MAX_VALUE once.
     *
     * Overflow. If a non-compliant upstream sends more than requested, trySend returns FULL: the
     * item is discarded through Reactor's onDiscard hook, the upstream is cancelled and the channel
     * is closed with Exceptions.failWithOverflow, which receivers get after the buffered items.
     * Nothing blocks and nothing is dropped silently.
     *
     * Closing. Every sender.closeChannel call happens in the drain loop (the thread holding
     * `wip`), so no trySend can race with it: normally once `done` is set (after the upstream's
     * last signal, and for a rendezvous after the pending send was taken); and in round()'s
     * catch, where a failure of the round itself cancels the upstream and closes the channel
     * with that failure so the receivers learn why. When the receivers are gone (DISCONNECTED, or the watch fires on
     * a disconnected channel) the upstream is cancelled and the sender is left open: the channel is
     * already dead, and closing it here could race with a late onNext.
     *
     * Known limit. Core has no "receivers closed" callback for a sender that is not waiting for
     * room. Closing the receiver is noticed at once when the subscriber is waiting for room (a full
     * bounded channel, or a rendezvous between items), otherwise at the upstream's next onNext.
     *
     * Maintenance note: ReceiverSubscriberBlackboxVerification, ToReceiverTest.
     */

    final Sender<T> sender;
    final int capacity;
    final long limit;
    final SendableWatch watch;

    volatile @Nullable Subscription upstream;

    /** Items received from upstream; written by onNext only. */
    volatile long received;
    volatile boolean done;
    @Nullable Throwable error;                     // written before `done`
    /** The upstream was cancelled because the receivers are gone. */
    volatile boolean cancelled;
    /** A send-readiness callback fired since the last request (rendezvous: a receiver waits). */
    volatile boolean roomSeen;
    /** Rendezvous: an item whose receiver gave up, waiting for the next one; set by onNext. */
    volatile @Nullable CompletableFuture<Void> pendingSend;

    volatile int wip;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<ReceiverSubscriber> WIP =
            AtomicIntegerFieldUpdater.newUpdater(ReceiverSubscriber.class, "wip");

    // Drain-owned.
    private long requestedTotal;

    ReceiverSubscriber(Sender<T> sender, int capacity) {
        this.sender = sender;
        this.capacity = capacity;
        this.limit = Demand.replenishLimit(capacity);
        this.watch = new SendableWatch(sender, this::onSendable, capacity == 0);
    }

    // ==== Upstream signals ====

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            drain();
        }
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "onNext(null): Spec. Rule 2.13");
        if (done || cancelled) {
            Operators.onDiscard(item, currentContext());
            return;
        }
        received = received + 1;                         // single writer: the upstream
        TrySendResult result;
        try {
            result = sender.trySend(item);
            if (result == TrySendResult.FULL && capacity == 0) {
                // The receiver that was waiting gave up: hand the item to the next one.
                CompletableFuture<Void> parked = sender.sendAsync(item);
                pendingSend = parked;
                parked.whenComplete((ok, failure) -> drain());
                return;
            }
        } catch (Throwable failure) {                    // never leave the receivers waiting
            Exceptions.throwIfJvmFatal(failure);
            Operators.onDiscard(item, currentContext());
            cancelUpstream();
            error = failure;
            done = true;
            drain();
            return;
        }
        if (result == TrySendResult.FULL) {
            Operators.onDiscard(item, currentContext());
            cancelUpstream();
            error = Exceptions.failWithOverflow("ChannelFlux.toReceiver: the upstream sent more items than"
                    + " requested (capacity " + capacity + ")");
            done = true;
        } else if (result == TrySendResult.DISCONNECTED) {
            Operators.onDiscard(item, currentContext());
            cancelled = true;
            cancelUpstream();
            return;
        }
        drain();
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "onError(null): Spec. Rule 2.13");
        if (done) {
            Operators.onErrorDropped(t, currentContext());
            return;
        }
        error = t;
        done = true;
        drain();
    }

    @Override
    public void onComplete() {
        if (done) {
            return;
        }
        done = true;
        drain();
    }

    private void onSendable() {
        roomSeen = true;
        drain();
    }

    private void cancelUpstream() {
        Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
    }

    // ==== Drain loop ====

    void drain() {
        if (WIP.getAndIncrement(this) != 0) {
            return;
        }
        int missed = 1;
        do {
            if (round()) {
                return;
            }
            missed = WIP.addAndGet(this, -missed);
        } while (missed != 0);
    }

    /** One round; {@code true} once this subscriber is finished for good. Never throws. */
    private boolean round() {
        try {
            return tryRound();
        } catch (Throwable failure) {                    // never throw into a core callback
            Exceptions.throwIfJvmFatal(failure);
            cancelUpstream();
            watch.cancel();
            try {
                if (!sender.isClosed()) {
                    sender.closeChannel(failure);        // the receivers learn why
                }
            } catch (RuntimeException alreadyClosed) {
                Operators.onErrorDropped(failure, currentContext());
            }
            return true;
        }
    }

    private boolean tryRound() {
        CompletableFuture<Void> parked = pendingSend;
        if (parked != null) {
            if (!parked.isDone()) {
                return false;                            // its completion calls drain()
            }
            pendingSend = null;
            if (parked.isCompletedExceptionally()) {     // the receivers are gone
                cancelled = true;
                cancelUpstream();
                watch.cancel();
                return true;
            }
        }
        if (done) {
            watch.cancel();
            Throwable failure = error;
            if (failure == null) {
                sender.closeChannel();
            } else {
                sender.closeChannel(failure);
            }
            return true;
        }
        if (cancelled || sender.isDisconnected()) {     // only the receivers can disconnect it now
            cancelled = true;
            cancelUpstream();
            watch.cancel();
            return true;
        }
        Subscription s = upstream;
        if (s == null) {
            return false;
        }
        if (capacity == Demand.UNBOUNDED) {
            if (requestedTotal == 0) {
                requestedTotal = Long.MAX_VALUE;
                s.request(Long.MAX_VALUE);
            }
            return false;
        }
        long outstanding = requestedTotal - received;
        if (capacity == 0) {
            if (outstanding > 0) {
                return false;                            // the requested item is on its way
            }
            if (roomSeen) {
                roomSeen = false;
                requestedTotal++;
                s.request(1);
            } else {
                watch.arm();
            }
            return false;
        }
        long free = capacity - sender.len() - outstanding;
        if (free > 0 && (outstanding == 0 || free >= limit)) {
            requestedTotal += free;
            s.request(free);                             // may deliver now: a missed round
        } else if (outstanding == 0) {
            watch.arm();                                 // full: wait until a receiver takes one
        }
        return false;
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.PARENT) {
            return upstream;
        }
        if (key == Attr.CAPACITY) {
            return capacity;
        }
        if (key == Attr.BUFFERED) {
            return sender.len();
        }
        if (key == Attr.PREFETCH) {
            return (int) Math.min(Demand.prefetch(capacity), Integer.MAX_VALUE);
        }
        if (key == Attr.TERMINATED) {
            return done;
        }
        if (key == Attr.CANCELLED) {
            return cancelled;
        }
        if (key == Attr.ERROR) {
            return error;
        }
        return null;
    }
}
