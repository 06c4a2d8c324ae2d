package dev.sluice.flow;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.TryRecvResult;
import dev.sluice.Watch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * ReceiverSubscription: the subscription of a {@link ReceiverPublisher}, a {@link DrainLoop}
 * with the channel as its queue.
 *
 * <p>Algorithm. The shape of Reactor's {@code FluxOnBackpressureBuffer} drain (and of the Reactor
 * bridge's {@code FluxReceiver}), driven by the channel's non-blocking hooks instead of a queue:
 * <pre>
 *     request(n) ──┐
 *     cancel() ────┼──> drain() ──(wip 0 -> 1)──> round: tryRecv × demand ──> onNext ...
 *     watch fired ─┤                                 │ empty, demand left
 *     recvAsync ───┘                                 └──> register one hook, leave
 * </pre>
 * A round emits {@code min(requested, available)} messages, each taken with
 * {@code Receiver.tryRecv()}. When the channel is empty and demand remains it registers ONE
 * readiness hook and leaves; the hook's callback only calls {@code drain()}:
 * <ul>
 *   <li>{@code bounded(n)}, {@code unbounded()}: {@code Receiver.watchReceivable}, one per
 *       empty &rarr; non-empty transition (a flag keeps a second one from being registered while
 *       one is armed). Nothing is taken without demand, so with demand 0 a bounded channel fills
 *       up and its blocking senders wait: that is the backpressure.</li>
 *   <li>rendezvous: {@code tryRecv()} succeeds only while a sender waits, and a non-blocking
 *       sender's {@code trySend()} only while a receiver waits, so two non-blocking parties
 *       could miss each other forever behind a watch. While demand remains the round keeps one
 *       pending {@code recvAsync()}: a first-class waiting receiver that every sender pairs
 *       with; its completion calls {@code drain()}. At most one is pending, and only with
 *       demand.</li>
 * </ul>
 * Without demand a {@code Receiver.watchDisconnected} hook (once per subscription) lets a
 * disconnection complete an empty channel's publisher without a request (the TCK's empty-stream
 * rule); traffic never fires it, so it cannot spin.
 *
 * <p>Termination. {@code tryRecv()} reports {@code Disconnected(cause)} only once the channel is
 * empty, so buffered messages always come first: then {@code onComplete()}, or
 * {@code onError(cause)} after {@code closeChannel(cause)}. Without demand, "empty and
 * disconnected" is the disconnect watch having fired and {@code len() == 0}. Every ending
 * (terminal signal, cancel, bad request, a throwing subscriber, a closed handle) goes through
 * {@link #release()}: withdraw the hooks, withdraw a pending {@code recvAsync}, close the receiver
 * handle (if it is the last receiver, senders see disconnection at once and blocked ones wake).
 * On a rendezvous a sender may complete the pending {@code recvAsync} at the moment the
 * subscriber cancels: the cancel of that future then fails, and the message it holds, already
 * taken from the channel and within the demand that started the receive, is still delivered with
 * {@code onNext} (rule 1.8 lets signals follow a cancel) instead of being lost. Buffered flavors
 * take nothing without demand, so nothing else can be in hand at the end.
 *
 * <p>Invariants. [1] Emitted &le; requested: the round never takes without demand, a pending
 * {@code recvAsync} exists only with demand, and demand decreases only by emission. [2] At most
 * one readiness hook and one disconnect watch outstanding. [3] No thread is ever blocked or
 * parked here: {@code tryRecv}, {@code recvAsync}, {@code len} and the watches are non-blocking in
 * core, so neither the subscriber's thread (in {@code request}) nor a sender's thread (running a
 * round from a callback) waits. [4] Signals to the subscriber are serialized (rule 1.3): only the
 * {@code wip} owner sends them.
 *
 * <p>Threads. {@code onNext} runs on whichever thread wins {@code wip}: the one calling
 * {@code request(n)}, or a sender's thread whose message made the channel ready (inside its send
 * call). A slow subscriber therefore slows that sender, which is the point of backpressure.
 *
 * @param <T> the message type
 */
final class ReceiverSubscription<T> extends DrainLoop implements Flow.Subscription {
    private final Flow.Subscriber<? super T> actual;
    private final ReceiverPublisher<T> parent;
    private final Receiver<T> receiver;
    private final boolean rendezvous;

    private volatile long requested;
    @SuppressWarnings("rawtypes")
    private static final AtomicLongFieldUpdater<ReceiverSubscription> REQUESTED =
            AtomicLongFieldUpdater.newUpdater(ReceiverSubscription.class, "requested");

    private volatile boolean cancelled;
    /** Rule 3.9: the IllegalArgumentException for a request(n <= 0), signalled by the loop. */
    private volatile Throwable badRequest;
    /** A readiness watch is registered and has not fired yet. */
    private volatile boolean readinessArmed;
    /** The disconnect watch fired: no message will be sent any more. */
    private volatile boolean disconnected;

    /** The readiness callback, made once. */
    private final Runnable onReceivable = () -> {
        readinessArmed = false;
        drain();
    };

    // Loop-owned: read and written only by the thread holding `wip`.
    private Watch readinessWatch;
    private Watch disconnectWatch;
    private CompletableFuture<T> pendingRecv;

    ReceiverSubscription(Flow.Subscriber<? super T> actual, ReceiverPublisher<T> parent) {
        this.actual = actual;
        this.parent = parent;
        this.receiver = parent.receiver;
        this.rendezvous = Demand.capacityOf(receiver.capacity()) == 0;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            if (badRequest == null) {
                badRequest = new IllegalArgumentException(
                        "Rule 3.9: Subscription.request(n) needs n > 0, but it was " + n);
            }
        } else {
            for (;;) {
                long r = requested;
                if (r == Long.MAX_VALUE || REQUESTED.compareAndSet(this, r, Demand.addCap(r, n))) {
                    break;
                }
            }
        }
        drain();
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            drain();
        }
    }

    /** Rule 2.13: {@code onSubscribe} threw; the subscription counts as cancelled. */
    void subscriberFailed(Throwable t) {
        cancelled = true;
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
                return terminate(bad);
            }
            long r = requested;
            long e = 0;
            while (e != r) {
                T value;
                CompletableFuture<T> f = pendingRecv;
                if (f != null) {
                    if (!f.isDone()) {
                        break;                          // its completion calls drain()
                    }
                    pendingRecv = null;
                    if (f.isCompletedExceptionally()) {
                        return terminate(causeOf(f));
                    }
                    value = f.join();
                } else {
                    TryRecvResult<T> result = receiver.tryRecv();
                    if (result instanceof TryRecvResult.Value<T> v) {
                        value = v.value();
                    } else if (result instanceof TryRecvResult.Disconnected<T> d) {
                        return terminate(d.cause());    // empty and disconnected: after every message
                    } else if (rendezvous) {
                        f = receiver.recvAsync();
                        pendingRecv = f;
                        f.whenComplete((m, x) -> drain());   // may run now: then a missed round
                        continue;                       // it may already hold a message
                    } else {
                        armReadiness();
                        break;
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
                r = produced(e);
            }
            return r == 0 && idle();
        } catch (Throwable failure) {                   // e.g. the handle was closed under us
            Fatal.rethrowIfFatal(failure);
            return terminate(failure);
        }
    }

    /**
     * Demand is exhausted: complete now if the channel is empty and disconnected, else make sure
     * (once) that a disconnection runs a round without a request.
     */
    private boolean idle() {
        if (disconnectWatch == null) {
            disconnectWatch = receiver.watchDisconnected(() -> {
                disconnected = true;
                drain();
            });                                         // may fire now: then a missed round
        }
        if (disconnected && receiver.len() == 0) {
            // A disconnected channel accepts no new message, and this one is empty: it is over.
            return terminate(receiver.closeCause().orElse(null));
        }
        return false;
    }

    private void armReadiness() {
        if (!readinessArmed) {
            readinessArmed = true;                      // before: the callback may run at once
            Watch previous = readinessWatch;
            readinessWatch = receiver.watchReceivable(onReceivable);
            if (previous != null) {
                previous.cancel();                      // fired already: a no-op, keeps nothing alive
            }
        }
    }

    private long produced(long e) {
        for (;;) {
            long r = requested;
            if (r == Long.MAX_VALUE) {
                return r;                               // rule 3.17: unbounded stays unbounded
            }
            long left = r - e;
            if (REQUESTED.compareAndSet(this, r, left)) {
                return left;
            }
        }
    }

    private boolean emit(T value) {
        try {
            actual.onNext(value);
            return true;
        } catch (Throwable t) {                         // rule 2.13: the subscriber broke the contract
            Fatal.rethrowIfFatal(t);
            terminate(t);
            return false;
        }
    }

    /** Ends the subscription with {@code onComplete} ({@code cause == null}) or {@code onError}. */
    private boolean terminate(Throwable cause) {
        release();
        try {
            if (cause == null) {
                actual.onComplete();
            } else {
                actual.onError(cause);
            }
        } catch (Throwable t) {
            Fatal.rethrowIfFatal(t);
            // Rule 2.13: a terminal handler threw; the subscription is over, nobody else to tell.
        }
        return true;
    }

    /** Withdraws the hooks and a pending receive, closes the handle. Idempotent in effect. */
    private void release() {
        Watch w = readinessWatch;
        if (w != null) {
            readinessWatch = null;
            w.cancel();
        }
        w = disconnectWatch;
        if (w != null) {
            w.cancel();
        }
        CompletableFuture<T> f = pendingRecv;
        if (f != null) {
            pendingRecv = null;
            if (!f.cancel(false) && !f.isCompletedExceptionally()) {
                deliverHandedOff(f.join());             // see the header: a completed hand-off
            }
        }
        try {
            receiver.close();
        } catch (RuntimeException discardHookFailed) {
            // The channel's discard hook threw while the buffered messages were discarded: the
            // handle is closed all the same, and the hook's owner has its own failure to see.
        }
        parent.state = ReceiverPublisher.FINISHED;
    }

    /** A message a sender handed over as the subscription ended: delivered, never dropped. */
    private void deliverHandedOff(T value) {
        try {
            actual.onNext(value);
        } catch (Throwable t) {
            Fatal.rethrowIfFatal(t);
            // Rule 2.13: the subscription is ending already; nobody else to tell.
        }
    }

    private static Throwable causeOf(CompletableFuture<?> failed) {
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
}
