package dev.sluice.reactor;

import dev.sluice.OverflowPolicy;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import dev.sluice.Watch;
import java.util.Objects;
import java.util.Queue;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.concurrent.Queues;
import reactor.util.context.Context;

/**
 * MonoSendInto: sends every item of a source into a channel, requesting only what fits; the
 * {@code Mono<Void>} of {@link ChannelFlux#into} and the engine of {@link ChannelFlux#toReceiver}.
 *
 * <p>Ownership, the one rule of the bridge's sending side: a handle the bridge created is closed
 * by it, a caller's handle is left open. {@code into(source, tx)} borrows {@code tx}: every
 * subscription sends through it and leaves it open, so the Mono may be subscribed again (each
 * subscription subscribes the source anew). {@code toReceiver} creates its channel and owns its
 * only sender: the source's completion closes it (receivers drain, then see disconnection), the
 * source's error closes the channel with that error as cause. {@code toReceiver} also batches
 * every top-up ({@code batched}); {@code into} only while the source still owes items, since
 * other senders may keep a shared channel from ever having a batch's worth of room.
 *
 * @param <T> the message type
 */
final class MonoSendInto<T> extends Mono<Void> implements Scannable {
    private final Publisher<? extends T> source;
    private final Sender<T> sender;
    private final boolean ownsChannel;

    /** Sends into a caller's channel, which the caller keeps. */
    MonoSendInto(Publisher<? extends T> source, Sender<T> sender) {
        this(source, sender, false);
    }

    /**
     * @param ownsChannel {@code true} if {@code sender} is the only sender of a channel the bridge
     *        created ({@code toReceiver}): the source's termination then ends the channel and
     *        closes the handle, and every top-up is a batch (see the subscriber's notes)
     */
    MonoSendInto(Publisher<? extends T> source, Sender<T> sender, boolean ownsChannel) {
        this.source = source;
        this.sender = sender;
        this.ownsChannel = ownsChannel;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
        if (sender.isClosed()) {
            Operators.error(actual, new IllegalStateException(
                    "ChannelFlux.into(source, sender): the Sender is closed; pass an open handle and close it"
                            + " when the Mono ends (doFinally), or pass sender.clone() taken while it was open"));
            return;
        }
        source.subscribe(new SendIntoSubscriber<T>(sender, ownsChannel, actual));
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.PARENT) {
            return Scannable.from(source);
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        return null;
    }

    /**
     * The sending subscriber: a Reactive Streams {@code Subscriber} that puts what it receives
     * into a channel with {@code trySend}, never blocking or parking a thread.
     */
    static final class SendIntoSubscriber<T> extends DrainLoop implements CoreSubscriber<T>, Subscription, Scannable {
        /*
         * Implementation notes.
         *
         * Overview. A DrainLoop (FluxPublishOn's shape) with the channel as the destination: onNext offers the item to a small SPSC queue (producer: the upstream,
         * which serializes its signals; consumer: the loop) and drains; a round moves queued
         * items into the channel with trySend, then decides whether to request more. Every
         * signal, and every watch callback, only sets a flag or enqueues, then calls drain().
         *
         *     onNext/onComplete/onError ──┐
         *     cancel() ───────────────────┼──> drain() ──(wip 0 -> 1)──> round:
         *     room watch fired ───────────┤        trySend × queued; FULL -> arm the room watch
         *     disconnect watch fired ─────┘        then request min(prefetch, free) - inBridge
         *
         * Demand (one rule for every flavor). inBridge = requested - sent: items asked for that
         * are not in the channel yet (on their way, or queued). A round requests
         *     want = min(prefetch, free) - inBridge
         * where free is the room observed now: n - len() for bounded(n) (prefetch = n),
         * 1 while a receiver is known to wait for a rendezvous (prefetch = 1; the only evidence
         * is the room watch having fired, `roomSeen`), unlimited for unbounded and dropping
         * channels (a dropping channel always takes an item). So items held by the bridge never
         * exceed prefetch, and with no other sender every item that arrives fits at once.
         * Invariant [1]: requested - sent <= prefetch. Batching: while items are still owed
         * (inBridge > 0) a top-up waits until want >= 3/4 of prefetch (`limit`), Reactor's
         * limitRate rule. With nothing owed, into requests any want >= 1, or a shared channel
         * that other senders keep nearly full would stall it; toReceiver (`batched`: the bridge
         * owns the only sender) instead arms the room watch with minFree = limit
         * (Sender.watchSendable(int, Runnable)), which fires once the consumer has freed that
         * much, so a slow consumer that frees one slot at a time still gets requests of at least
         * the limit and rx.capacity() is the whole n. It never stalls: the channel then holds
         * at least n - limit + 1 >= 1 items for the consumer to take. Why not kotlinx's full-batch
         * refill (Publisher.asFlow requests a new batch only once the whole previous one has
         * arrived): the source then idles for one round-trip per batch; here the next batch is
         * asked for while the last quarter is still on its way.
         *
         * Room. A round that meets FULL arms the one room watch (made once, with minFree = limit
         * when batched, else 1, then re-armed with Watch.rearm, a no-op while it is still armed;
         * the callback sets roomSeen and drains). Other senders may take the room we saw: the
         * items then wait in the queue, with no new request, until the watch says there is room
         * again.
         * For a rendezvous the watch fires on the thread of a receiver that just started
         * waiting, before it parks; the round's trySend on that thread pairs with that very
         * receiver (core pairs two independent operations of one thread; only one operation
         * never pairs with itself), so no thread hop is needed.
         *
         * Ending. A disconnect watch (Sender.watchDisconnected) is registered at subscription:
         * the moment every receiver is gone, or another sender closed the channel, the round
         * cancels the upstream, discards the queue and fails with SendDisconnectedException,
         * whether or not an item is pending. The upstream's completion or error is acted on only
         * when the queue is empty, so the items received before it are sent first. Every ending
         * goes through release(), inside the loop, so no trySend races with a close: it cancels
         * both watches and, when the bridge owns the channel, closes it (after the source's
         * error: closeChannel(error), which receivers see after the buffered items).
         *
         * Overflow. A source that sends more than requested (received > requested) is cancelled
         * and the subscriber fails with Exceptions.failWithOverflow: never blocks, never drops
         * silently.
         *
         * Maintenance note: *SendIntoSubscriber*Verification (TCK), ChannelFluxIntoTest,
         * ToReceiverTest, ChannelFluxStressTest.
         */

        final Sender<T> sender;
        final boolean ownsChannel;
        final CoreSubscriber<? super Void> actual;
        final int capacity;
        /** Every top-up is a batch of at least {@link #limit}, owed items or not (toReceiver). */
        final boolean batched;
        /** The free slots the room watch waits for: {@link #limit} when batched over bounded(n >= 1), else 1. */
        final int watchMinFree;
        final long prefetch;
        final long limit;
        final boolean alwaysRoom;
        final Queue<T> queue;

        @Nullable Subscription upstream;

        /** Items asked of the upstream so far; written by the loop, read by onNext. */
        volatile long requested;
        /** Items received from the upstream; written by onNext only. */
        volatile long received;
        volatile boolean done;
        @Nullable Throwable error;                 // written before `done`
        volatile boolean cancelled;
        /** The room watch fired since the last send: there is room (rendezvous: a receiver waits). */
        volatile boolean roomSeen;
        /** The disconnect watch fired: no send can succeed any more. */
        volatile boolean disconnected;

        // Loop-owned.
        private long sent;
        private boolean finished;
        private @Nullable Watch roomWatch;
        private @Nullable Watch disconnectWatch;

        SendIntoSubscriber(Sender<T> sender, boolean ownsChannel, CoreSubscriber<? super Void> actual) {
            this.sender = sender;
            this.ownsChannel = ownsChannel;
            this.actual = actual;
            this.capacity = Demand.capacityOf(sender.capacity());
            this.prefetch = Demand.prefetch(capacity);
            this.limit = Demand.replenishLimit(capacity);
            this.alwaysRoom = capacity == Demand.UNBOUNDED || sender.overflow() != OverflowPolicy.BLOCK;
            this.batched = ownsChannel && !alwaysRoom && capacity > 0;
            this.watchMinFree = batched ? (int) limit : 1;
            this.queue = capacity == Demand.UNBOUNDED
                    ? Queues.<T>unbounded().get()
                    : Queues.<T>get((int) Math.max(prefetch, 1)).get();
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
                drain();                             // the first round registers the disconnect watch
            }
        }

        @Override
        public void onNext(T item) {
            Objects.requireNonNull(item, "onNext(null): Spec. Rule 2.13");
            if (done || cancelled) {
                Operators.onDiscard(item, currentContext());
                return;
            }
            long r = received + 1;
            received = r;                            // single writer: the upstream
            if (r > requested || !queue.offer(item)) {
                Operators.onDiscard(item, currentContext());
                Subscription s = upstream;
                if (s != null) {
                    s.cancel();
                }
                error = Exceptions.failWithOverflow("ChannelFlux: the source sent more items than requested ("
                        + requested + "), breaking Reactive Streams rule 1.1; put onBackpressureBuffer(n),"
                        + " onBackpressureDrop() or onBackpressureLatest() after a source that ignores demand");
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

        // ==== The Mono's subscription ====

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
            cancelUpstream();
            drain();
        }

        /** The room watch's callback, made once (a watch is armed per full channel). */
        private final Runnable onRoom = () -> {
            roomSeen = true;
            drain();
        };

        private void onDisconnected() {
            disconnected = true;
            drain();
        }

        private void cancelUpstream() {
            Subscription s = upstream;
            if (s != null) {
                s.cancel();
            }
        }

        // ==== The loop ====

        /** One round ({@link DrainLoop}); {@code true} once the subscriber is finished for good. */
        @Override
        boolean round() {
            if (finished) {
                return true;
            }
            try {
                if (cancelled) {
                    release(null);
                    return true;
                }
                if (disconnectWatch == null) {       // may fire at once: then a missed round
                    disconnectWatch = sender.watchDisconnected(this::onDisconnected);
                }
                if (done && queue.isEmpty()) {       // everything was sent: a late disconnection
                    return finish(error);            // does not turn that into a failure
                }
                if (disconnected || sender.isDisconnected()) {   // the flag may not be set yet: a
                    return failDisconnected();       // room watch fires on disconnection too, first
                }
                for (;;) {
                    boolean d = done;                // read before the queue: no item missed
                    T item = queue.peek();
                    if (item == null) {
                        if (d) {
                            return finish(error);
                        }
                        break;
                    }
                    TrySendResult result = sender.trySend(item);
                    if (result == TrySendResult.OK || result == TrySendResult.DROPPED) {   // DROPPED: taken, then shed
                        queue.poll();
                        sent++;
                        roomSeen = false;            // that room is used; wait for fresh evidence
                    } else if (result == TrySendResult.DISCONNECTED) {
                        return failDisconnected();
                    } else {
                        armRoomWatch();              // FULL
                        return false;
                    }
                }
                requestMore();
                return false;
            } catch (Throwable failure) {            // e.g. the caller closed its handle under us
                Exceptions.throwIfJvmFatal(failure);
                if (finished) {                      // the downstream's terminal handler threw
                    Operators.onErrorDropped(failure, currentContext());
                    return true;
                }
                cancelUpstream();
                return finish(failure);
            }
        }

        /** The queue is empty and the upstream not done: ask for what fits (see the notes). */
        private void requestMore() {
            Subscription s = upstream;
            if (s == null) {
                return;
            }
            long inBridge = requested - sent;        // invariant [1]: <= prefetch
            long room;
            if (alwaysRoom) {
                room = prefetch;
            } else if (capacity == 0) {
                room = roomSeen ? 1 : 0;
            } else {
                room = Math.min(prefetch, (long) capacity - sender.len());
            }
            long want = room - inBridge;
            if (want <= 0) {
                if (inBridge == 0) {
                    armRoomWatch();                  // full, nothing coming: wait for room
                }
                return;
            }
            if (inBridge > 0 && want < limit) {
                return;                              // batching: items are still on their way
            }
            if (batched && want < limit) {
                armRoomWatch();                      // nothing owed: wait until a batch fits
                return;
            }
            if (capacity == 0) {
                roomSeen = false;
            }
            long n = prefetch == Long.MAX_VALUE ? Long.MAX_VALUE : want;   // unbounded: once, for good
            requested = n == Long.MAX_VALUE ? n : requested + n;
            s.request(n);                                // may deliver now: a missed round
        }

        private void armRoomWatch() {
            Watch w = roomWatch;
            if (w == null) {
                roomWatch = sender.watchSendable(watchMinFree, onRoom);
            } else {
                w.rearm();                               // no-op while it is still armed
            }
        }

        private boolean failDisconnected() {
            cancelUpstream();
            T pending = queue.peek();
            Throwable cause = sender.closeCause().orElse(null);
            Throwable failure = new SendDisconnectedException(pending, cause);
            return finish(failure);
        }

        /** Ends with the source's outcome ({@code failure == null}: completed). */
        private boolean finish(@Nullable Throwable failure) {
            release(failure);
            if (failure == null) {
                actual.onComplete();
            } else {
                actual.onError(failure);
            }
            return true;
        }

        /** Withdraws both watches, discards what was not sent and, if the bridge owns it, ends the channel. */
        private void release(@Nullable Throwable failure) {
            finished = true;
            Watch w = disconnectWatch;
            if (w != null) {
                w.cancel();
            }
            w = roomWatch;
            if (w != null) {
                w.cancel();
            }
            Operators.onDiscardQueueWithClear(queue, currentContext(), null);
            if (ownsChannel) {
                try {
                    if (failure != null && !(failure instanceof SendDisconnectedException)) {
                        sender.closeChannel(failure);    // the receivers learn why, after the buffered items
                    }
                    sender.close();
                } catch (RuntimeException discardHookFailed) {
                    Operators.onErrorDropped(discardHookFailed, currentContext());
                }
            }
        }

        @Override
        @SuppressWarnings("rawtypes")               // Reactor's own signature
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
}
