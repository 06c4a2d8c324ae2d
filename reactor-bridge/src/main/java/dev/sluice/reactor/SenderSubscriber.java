package dev.sluice.reactor;

import dev.sluice.Sender;
import dev.sluice.OverflowPolicy;
import dev.sluice.TrySendResult;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * SenderSubscriber: a Reactive Streams {@code Subscriber} that sends what it receives into a
 * {@link Sender}, possibly shared with blocking threads, requesting only when the channel has
 * room. It never blocks or parks a thread.
 *
 * <p>It backs {@link ChannelFlux#into}: the downstream is the {@code Mono<Void>} subscriber, which
 * completes once every item is in the channel and the upstream completed, fails with the
 * upstream's error (after the items received before it), or with a
 * {@link dev.sluice.SendDisconnectedException} when every receiver is gone. It owns the sender
 * handle and closes it when it terminates or is cancelled; it never closes the channel with the
 * upstream's error, since other senders share it.
 *
 * @param <T> the message type
 */
final class SenderSubscriber<T> implements CoreSubscriber<T>, Subscription, Scannable {
    /*
     * Implementation notes.
     *
     * Overview. Items from upstream go through a small SPSC queue (producer: onNext, which the
     * upstream serializes; consumer: the drain loop) into the channel with trySend. A round first
     * moves queued items into the channel; if the channel is full (FULL), it arms a SendableWatch
     * and leaves. Once the queue is empty it either finishes (upstream done) or tops up demand.
     *
     * Demand (see Demand). `outside` = requested - sent: items asked for that are not in the
     * channel yet (in flight or queued). Invariant [1]: outside <= prefetch(capacity), so the
     * queue never holds more than prefetch items. Items held by the bridge are bounded by
     * 2 x capacity: up to capacity in the channel plus up to prefetch (= capacity) requested and
     * not yet sent (in flight or queued). A top-up
     * is requested only with evidence of room: the channel is not full (bounded), or a readiness
     * callback fired since the last request (`roomSeen`; the only evidence a rendezvous offers:
     * "a receiver is waiting"). Items that lose the room to a concurrent blocking sender wait in
     * the queue, with no further requests, until a watch says there is room again. A top-up
     * smaller than the 75% replenish limit waits while upstream still owes items (batching).
     * Unbounded channels never push back: Long.MAX_VALUE is requested once.
     *
     * Termination. Upstream completion or error is acted on only when the queue is empty, so the
     * items received before it are sent first (waiting for room if needed). DISCONNECTED from
     * trySend (every receiver gone, or another sender closed the channel) cancels the upstream,
     * discards the queue through Reactor's onDiscard hook and fails with the channel's
     * SendDisconnectedException. Every ending closes the sender handle, inside the drain loop, so
     * no trySend can race with the close.
     *
     * Threads. Sends happen on the thread that wins `wip`: the upstream's onNext thread, or a
     * receiver's thread that made room (watch callback). For a rendezvous, late callbacks hop to
     * Schedulers.boundedElastic() (see RendezvousHop).
     *
     * Maintenance note: SenderSubscriberBlackboxVerification, SenderSubscriberWhiteboxVerification,
     * ChannelFluxIntoTest.
     */

    final Sender<T> sender;
    final CoreSubscriber<? super Void> actual;
    final int capacity;
    final long prefetch;
    final long limit;
    final Queue<T> queue;
    final SendableWatch watch;

    @Nullable Subscription upstream;

    volatile boolean done;
    @Nullable Throwable error;                     // written before `done`
    volatile boolean cancelled;
    /** A readiness callback fired since the last request: there is room (or disconnection). */
    volatile boolean roomSeen;

    volatile int wip;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<SenderSubscriber> WIP =
            AtomicIntegerFieldUpdater.newUpdater(SenderSubscriber.class, "wip");

    // Drain-owned.
    private long requestedTotal;
    private long sentTotal;
    private boolean finished;

    SenderSubscriber(Sender<T> sender, CoreSubscriber<? super Void> actual) {
        this.sender = sender;
        this.actual = actual;
        this.capacity = Demand.capacityOf(sender.capacity());
        this.prefetch = Demand.prefetch(capacity);
        this.limit = Demand.replenishLimit(capacity);
        this.queue = capacity == Demand.UNBOUNDED
                ? Queues.<T>unbounded().get()
                : Queues.<T>get((int) prefetch).get();
        this.watch = new SendableWatch(sender, this::onSendable, capacity == 0);
    }

    @Override
    public Context currentContext() {
        return actual.currentContext();
    }

    // ==== Upstream signals ====

    @Override
    public void onSubscribe(Subscription s) {
        if (Operators.validate(upstream, s)) {
            upstream = s;
            actual.onSubscribe(this);
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
        if (!queue.offer(item)) {
            // A non-compliant upstream sent more than requested: fail loudly, never block or drop.
            Operators.onDiscard(item, currentContext());
            Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
            error = Exceptions.failWithOverflow(
                    "ChannelFlux.into: the upstream sent more items than requested (prefetch " + prefetch + ")");
            done = true;
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

    // ==== Downstream (Mono<Void>) subscription ====

    @Override
    public void request(long n) {
        // Mono<Void> emits no value: demand is irrelevant.
    }

    @Override
    public void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        drain();
    }

    private void onSendable() {
        roomSeen = true;
        drain();
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

    private boolean round() {
        if (finished) {
            return true;
        }
        try {
            if (cancelled) {
                release();
                return true;
            }
            for (;;) {
                boolean d = done;                        // read before the queue: no item missed
                T item = queue.peek();
                if (item == null) {
                    if (d) {
                        finish(error);
                        return true;
                    }
                    break;
                }
                TrySendResult result = sender.trySend(item);
                if (result == TrySendResult.OK || result == TrySendResult.DROPPED) {   // DROPPED: taken, then shed by the policy
                    queue.poll();
                    sentTotal++;
                    roomSeen = false;                    // that room is used; wait for fresh evidence
                } else if (result == TrySendResult.DISCONNECTED) {
                    queue.poll();
                    Subscription s = upstream;
                    if (s != null) {
                        s.cancel();
                    }
                    Throwable disconnected = Disconnection.of(sender, item);
                    Operators.onDiscard(item, currentContext());
                    release();
                    actual.onError(disconnected);
                    return true;
                } else {
                    watch.arm();                         // FULL: wait for room
                    return false;
                }
            }
            requestMore();
            return false;
        } catch (Throwable failure) {                    // e.g. the handle was closed by someone else
            Exceptions.throwIfJvmFatal(failure);
            if (finished) {                              // the downstream's terminal handler threw
                Operators.onErrorDropped(failure, currentContext());
                return true;
            }
            Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
            release();
            actual.onError(failure);
            return true;
        }
    }

    /** The queue is empty and upstream not done: ask for more if there is room. */
    private void requestMore() {
        Subscription s = upstream;
        if (s == null) {
            return;
        }
        if (capacity == Demand.UNBOUNDED) {
            if (requestedTotal == 0) {
                requestedTotal = Long.MAX_VALUE;
                s.request(Long.MAX_VALUE);
            }
            return;
        }
        long outside = requestedTotal - sentTotal;     // invariant [1]: <= prefetch
        long want = prefetch - outside;
        if (want <= 0 || (outside > 0 && want < limit)) {
            return;                                      // upstream still owes enough items
        }
        // A dropping channel always takes an item (it sheds instead of waiting): never wait for room.
        boolean room = roomSeen || (capacity > 0 && !sender.isFull()) || sender.overflow() != OverflowPolicy.BLOCK;
        if (room) {
            roomSeen = false;
            requestedTotal += want;
            s.request(want);                             // may deliver now: a missed round
        } else {
            watch.arm();
        }
    }

    private void finish(@Nullable Throwable failure) {
        release();
        if (failure == null) {
            actual.onComplete();
        } else {
            actual.onError(failure);
        }
    }

    /** Ends: withdraw the watch, discard what was not sent, close the handle. */
    private void release() {
        finished = true;
        watch.cancel();
        Operators.onDiscardQueueWithClear(queue, currentContext(), null);
        sender.close();
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.PARENT) {
            return upstream;
        }
        if (key == Attr.ACTUAL) {
            return actual;
        }
        if (key == Attr.PREFETCH) {
            return (int) Math.min(prefetch, Integer.MAX_VALUE);
        }
        if (key == Attr.BUFFERED) {
            return queue.size();
        }
        if (key == Attr.CAPACITY) {
            return capacity;
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
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        return null;
    }
}
