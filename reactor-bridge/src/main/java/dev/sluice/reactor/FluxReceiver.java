package dev.sluice.reactor;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.Watch;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * FluxReceiver: a {@link Flux} of the messages of one {@link Receiver} handle, taken from the
 * channel only as the subscriber requests them.
 *
 * <p>Created by {@link ChannelFlux#from(Receiver)} and backing {@link ChannelSink#asFlux()}. The
 * Flux owns the handle: it allows one subscriber, and closes the handle when that subscription
 * ends (completion, error or cancellation).
 *
 * @param <T> the message type
 */
final class FluxReceiver<T> extends Flux<T> implements Scannable {
    /*
     * Implementation notes.
     *
     * Overview. ReceiverSubscription is a DrainLoop (FluxOnBackpressureBuffer's shape) with the
     * channel as its queue. A round emits min(requested, available) messages, taken with
     * Receiver.poll() (the message or null: nothing allocated per element); when the channel is
     * empty and demand remains, it arms ONE readiness hook and leaves; the hook's callback only
     * calls drain(). request(n), cancel() and every callback call drain().
     *
     *     request(n) ──┐
     *     cancel() ────┼──> drain() ──(wip 0 -> 1)──> round: poll × demand ──> onNext ...
     *     watch fired ─┤                                 │ empty, demand left
     *     recvAsync ───┘                                 └──> arm the hook, leave
     *
     * The hook, with demand.
     *   bounded(n), unbounded: Receiver.watchReceivable, made once and re-armed (Watch.rearm)
     *     every time the channel runs empty, so steady state allocates nothing (rearm() of a
     *     watch that has not fired yet does nothing: it is still armed). Nothing is taken from the channel without demand, so with
     *     demand 0 a bounded channel fills up and its blocking senders wait: the backpressure.
     *   rendezvous: poll() succeeds only when a sender already waits, and trySend() only when a
     *     receiver does; a watch alone would let two non-blocking parties (a sink's tryEmitNext
     *     and this Flux) miss each other forever. So while demand remains the round keeps one
     *     pending recvAsync(), a first-class waiting receiver that any sender (blocked thread,
     *     sendAsync, trySend) pairs with; its completion calls drain(). At most one is pending,
     *     and only with demand, so a rendezvous never delivers unrequested items. (Rendezvous
     *     emissions allocate that future; the no-allocation promise is for buffered flavors.)
     *
     * The hook, without demand: Receiver.watchDisconnected, once per subscription, so that a
     * disconnection completes an empty channel's Flux without a request. It never fires because
     * of traffic, so it cannot spin, on any flavor.
     *
     * Termination. poll() returns null for "empty" and for "empty and disconnected"; a null
     * followed by isDisconnected() is re-checked with one more poll (a message may have come
     * just before the disconnection), then the Flux ends: onComplete() for a plain
     * disconnection, onError(cause) after closeChannel(cause). Buffered items always come first.
     * Every ending (terminal signal, cancel, bad request, onNext throwing) goes through
     * release(): cancel the hooks, withdraw a pending recvAsync (a message it already took is
     * discarded through Reactor's onDiscard hook), close the receiver handle (if it is the last
     * receiver, senders see disconnection at once and buffered messages are discarded). After
     * the last round `wip` is left non-zero, so no later call can run a round again.
     *
     * Threads. onNext runs on whichever thread wins `wip`: the thread calling request() (often
     * the subscriber's own, in onSubscribe/onNext), or a sender's thread that made a message
     * available (watch callback or recvAsync completion, inside that sender's send call). That
     * includes a rendezvous sender's thread before it parks: core pairs two independent
     * operations of one thread, so the round's poll() there takes that very sender's message and
     * no thread hop is needed. A slow subscriber slows the sending thread; use publishOn to
     * decouple them.
     *
     * Invariants. [1] Emitted <= requested (the round never polls without demand; a pending
     * recvAsync exists only with demand, and demand only decreases by emission). [2] At most one
     * readiness hook and one disconnect watch outstanding. [3] No thread is blocked or parked:
     * poll, recvAsync and watches are non-blocking in core. [4] One subscription per handle:
     * `state` (CAS) admits one subscriber per FluxReceiver, and SUBSCRIBED (an identity set of
     * handles, entered at subscribe, left in release() after the handle is closed) one per
     * handle across FluxReceivers, so a refused subscriber never touches the handle; cloned
     * receivers are distinct handles and compete for messages.
     *
     * Maintenance note: FluxReceiverVerification (TCK), FluxReceiverTest, ChannelFluxStressTest.
     */

    private static final int FRESH = 0;
    private static final int ACTIVE = 1;
    private static final int FINISHED = 2;

    final Receiver<T> receiver;
    /** Told when the subscriber goes away without the channel ending (a sink's FAIL_CANCELLED). */
    private final @Nullable Runnable onSubscriberGone;

    /** The subscriber's context, for discard hooks of messages it will never get. */
    volatile Context subscriberContext = Context.empty();

    /**
     * The handles that have an active subscription now, through any FluxReceiver: one subscriber
     * per handle, not per Flux object. Identity-based (a Receiver does not override equals); an
     * entry lives exactly as long as its subscription, which removes it in release().
     */
    private static final Set<Receiver<?>> SUBSCRIBED = ConcurrentHashMap.newKeySet();

    /** FRESH, then ACTIVE while subscribed, then FINISHED. */
    volatile int state;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<FluxReceiver> STATE =
            AtomicIntegerFieldUpdater.newUpdater(FluxReceiver.class, "state");

    FluxReceiver(Receiver<T> receiver, @Nullable Runnable onSubscriberGone) {
        this.receiver = receiver;
        this.onSubscriberGone = onSubscriberGone;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        if (!STATE.compareAndSet(this, FRESH, ACTIVE)) {
            Operators.error(actual, new IllegalStateException(state == ACTIVE ? secondSubscriber() : afterTheEnd()));
            return;
        }
        if (!SUBSCRIBED.add(receiver)) {             // another FluxReceiver over this handle is active
            state = FRESH;
            Operators.error(actual, new IllegalStateException(secondSubscriber()));
            return;
        }
        if (receiver.isClosed()) {
            SUBSCRIBED.remove(receiver);
            state = FINISHED;
            Operators.error(actual, new IllegalStateException(isSinkOutput()
                    ? afterTheEnd()
                    : "ChannelFlux.from(receiver): the Receiver is closed; pass an open handle (a Flux over a"
                            + " Receiver closes it when its subscription ends, so take receiver.clone() before that"
                            + " for another subscriber)"));
            return;
        }
        subscriberContext = actual.currentContext();
        ReceiverSubscription<T> subscription = new ReceiverSubscription<>(actual, this);
        actual.onSubscribe(subscription);
        subscription.drain();
    }

    private boolean isSinkOutput() {
        return onSubscriberGone != null;
    }

    /** The error for a subscriber that comes while another one is attached: what to do instead. */
    private String secondSubscriber() {
        return isSinkOutput()
                ? "ChannelSinks.many(n).asFlux() allows a single Subscriber and it already has one; for several"
                        + " subscribers use ChannelSinks.multicast(n) (each gets every element) or share the Flux"
                        + " (asFlux().publish().autoConnect(n))"
                : "ChannelFlux.from(receiver): this Receiver handle already has a Subscriber (one per handle, whatever"
                        + " Flux it came through); for competing consumers give each subscriber its own handle,"
                        + " ChannelFlux.from(receiver.clone())";
    }

    /** The error for a subscriber that comes after the subscription ended (and closed the handle). */
    private String afterTheEnd() {
        return isSinkOutput()
                ? "ChannelSinks.many(n).asFlux(): the sink's Subscriber went away or the stream ended, and a unicast"
                        + " sink cannot be subscribed again; create a new sink per subscription, or use"
                        + " ChannelSinks.multicast(n), which later subscribers may join"
                : "ChannelFlux.from(receiver): the subscription over this Receiver ended and closed the handle, so"
                        + " this Flux cannot be subscribed again; take receiver.clone() before it ends for another"
                        + " subscriber";
    }

    /** 1 while a subscriber is attached, else 0. */
    int subscriberCount() {
        return state == ACTIVE ? 1 : 0;
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.CAPACITY) {
            return Demand.capacityOf(receiver.capacity());
        }
        if (key == Attr.BUFFERED) {
            return receiver.len();
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        return null;
    }

    @Override
    public String toString() {
        return "FluxReceiver{" + receiver + "}";
    }

    /** The subscription: one drain loop over the receiver handle. */
    static final class ReceiverSubscription<T> extends DrainLoop implements Subscription, Scannable {
        final CoreSubscriber<? super T> actual;
        final FluxReceiver<T> parent;
        final Receiver<T> receiver;
        final boolean rendezvous;

        volatile long requested;
        @SuppressWarnings("rawtypes")
        static final AtomicLongFieldUpdater<ReceiverSubscription> REQUESTED =
                AtomicLongFieldUpdater.newUpdater(ReceiverSubscription.class, "requested");

        volatile boolean cancelled;
        /** Rule 3.9: the IllegalArgumentException for a request(n <= 0), signalled by drain. */
        volatile @Nullable Throwable badRequest;
        volatile boolean done;

        /** The readiness callback, made once: a watch is armed per empty -> non-empty transition. */
        private final Runnable onReceivable = this::drain;

        // Loop-owned: read and written only by the thread holding `wip`.
        private @Nullable Watch watch;
        private @Nullable Watch disconnectWatch;
        private @Nullable CompletableFuture<T> pendingRecv;

        ReceiverSubscription(CoreSubscriber<? super T> actual, FluxReceiver<T> parent) {
            this.actual = actual;
            this.parent = parent;
            this.receiver = parent.receiver;
            this.rendezvous = receiver.capacity().orElse(-1) == 0;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                if (badRequest == null) {
                    badRequest = new IllegalArgumentException(
                            "Spec. Rule 3.9 - Subscription.request(n) needs n > 0, but it was " + n);
                }
            } else {
                Operators.addCap(REQUESTED, this, n);
            }
            drain();
        }

        @Override
        public void cancel() {
            if (cancelled) {
                return;
            }
            cancelled = true;
            subscriberGone();
            drain();
        }

        /** One round ({@link DrainLoop}); {@code true} once the subscription is over. */
        @Override
        boolean round() {
            try {
                if (cancelled) {
                    release();
                    return true;
                }
                Throwable bad = badRequest;
                if (bad != null) {
                    subscriberGone();
                    release();
                    actual.onError(bad);
                    return true;
                }
                long r = requested;
                long e = 0;
                while (e != r) {
                    T value;
                    CompletableFuture<T> f = pendingRecv;
                    if (f != null) {
                        if (!f.isDone()) {
                            break;                       // its completion calls drain()
                        }
                        pendingRecv = null;
                        if (f.isCompletedExceptionally()) {
                            return terminate(causeOf(f));
                        }
                        value = f.join();
                    } else {
                        value = receiver.poll();
                        if (value == null) {
                            if (receiver.isDisconnected()) {
                                value = receiver.poll(); // one sent just before the disconnection?
                                if (value == null) {
                                    return terminate(receiver.closeCause().orElse(null));
                                }
                            } else if (rendezvous) {
                                f = receiver.recvAsync();
                                pendingRecv = f;
                                f.whenComplete((m, x) -> drain());   // may run now: a missed round
                                continue;                // it may already hold a message
                            } else {
                                watchReceivable();
                                break;
                            }
                        }
                    }
                    if (!emit(value)) {
                        return true;
                    }
                    e++;
                    if (cancelled) {
                        release();
                        return true;
                    }
                }
                if (e != 0) {
                    r = Operators.produced(REQUESTED, this, e);
                }
                return r == 0 && idle();
            } catch (Throwable failure) {          // e.g. the handle was closed under us
                Exceptions.throwIfJvmFatal(failure);
                if (done) {                        // the subscriber's own terminal handler threw
                    Operators.onErrorDropped(failure, actual.currentContext());
                    return true;
                }
                subscriberGone();
                release();
                actual.onError(failure);
                return true;
            }
        }

        /**
         * Demand is exhausted: complete now if the channel is empty and disconnected, else watch
         * for the disconnection (once), so that it completes us without a request.
         */
        private boolean idle() {
            if (receiver.isDisconnected() && receiver.isEmpty()) {
                // Safe because: [1] a disconnected channel accepts no new message, [2] it was seen
                // empty after the mark (a rendezvous holds nothing once disconnected).
                return terminate(receiver.closeCause().orElse(null));
            }
            if (disconnectWatch == null) {
                disconnectWatch = receiver.watchDisconnected(this::drain);   // may fire now: a missed round
            }
            return false;
        }

        private void watchReceivable() {
            Watch w = watch;
            if (w == null) {
                watch = receiver.watchReceivable(onReceivable);   // may fire now: a missed round
            } else {
                w.rearm();                               // no-op while it is still armed
            }
        }

        private boolean emit(T value) {
            try {
                actual.onNext(value);
                return true;
            } catch (Throwable t) {
                Exceptions.throwIfFatal(t);
                subscriberGone();
                release();
                actual.onError(Operators.onOperatorError(null, t, value, actual.currentContext()));
                return false;
            }
        }

        private boolean terminate(@Nullable Throwable cause) {
            release();
            if (cause == null) {
                actual.onComplete();
            } else {
                actual.onError(cause);
            }
            return true;
        }

        /** Ends the subscription: drop the hooks, withdraw a pending receive, close the handle. */
        private void release() {
            done = true;
            Watch w = watch;
            if (w != null) {
                watch = null;
                w.cancel();
            }
            w = disconnectWatch;
            if (w != null) {
                w.cancel();
            }
            CompletableFuture<T> f = pendingRecv;
            if (f != null) {
                pendingRecv = null;
                if (!f.cancel(false)) {
                    // Too late: it took (or is taking) a message that nobody will get now.
                    f.thenAccept(m -> Operators.onDiscard(m, actual.currentContext()));
                }
            }
            try {
                receiver.close();
            } catch (RuntimeException discardHookFailed) {
                Operators.onErrorDropped(discardHookFailed, actual.currentContext());
            } finally {
                SUBSCRIBED.remove(receiver);                 // after the close: a newcomer sees it closed
                parent.state = FINISHED;
            }
        }

        private void subscriberGone() {
            Runnable hook = parent.onSubscriberGone;
            if (hook != null) {
                hook.run();
            }
        }

        private static @Nullable Throwable causeOf(CompletableFuture<?> failed) {
            try {
                failed.join();
                return null;
            } catch (CompletionException e) {
                Throwable error = e.getCause();
                return error instanceof DisconnectedException ? error.getCause() : error;
            } catch (RuntimeException cancelled) {
                return cancelled;
            }
        }

        @Override
        @SuppressWarnings("rawtypes")               // Reactor's own signature
        public @Nullable Object scanUnsafe(Attr key) {
            if (key == Attr.ACTUAL) {
                return actual;
            }
            if (key == Attr.PARENT) {
                return parent;
            }
            if (key == Attr.REQUESTED_FROM_DOWNSTREAM) {
                return requested;
            }
            if (key == Attr.CANCELLED) {
                return cancelled;
            }
            if (key == Attr.TERMINATED) {
                return done && !cancelled;
            }
            if (key == Attr.BUFFERED) {
                return receiver.len();
            }
            if (key == Attr.CAPACITY) {
                return Demand.capacityOf(receiver.capacity());
            }
            if (key == Attr.RUN_STYLE) {
                return Attr.RunStyle.ASYNC;
            }
            return null;
        }
    }
}
