package dev.sluice.flow;

import dev.sluice.OverflowPolicy;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import dev.sluice.Watch;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;

/**
 * SenderSubscriber: a {@link Flow.Subscriber} that sends every item it receives into a channel
 * with {@code trySend}, requesting only what fits, and never blocks or parks a thread
 * ({@link FlowChannels#subscriber} and the engine of {@link FlowChannels#toReceiver}).
 *
 * <p>Algorithm. A {@link DrainLoop} with the channel as the destination (the shape of Reactor's
 * {@code FluxPublishOn} drain, and of the Reactor bridge's sending subscriber): {@code onNext}
 * appends the item to a queue (one producer, the upstream, whose signals are serialized; one
 * consumer, the loop) and drains; a round moves queued items into the channel with
 * {@code trySend}, then decides whether to request more.
 * <pre>
 *     onNext/onComplete/onError ──┐
 *     room watch fired ───────────┼──> drain() ──(wip 0 -> 1)──> round:
 *     disconnect watch fired ─────┘        trySend × queued; FULL -> arm the room watch
 *                                          then request min(prefetch, free) - inBridge
 * </pre>
 *
 * <p>Demand ({@link Demand}). {@code inBridge = requested - sent}: items asked for that are not in
 * the channel yet (on their way, or queued). A round with an empty queue requests
 * {@code want = room - inBridge}, where {@code room} is {@code min(n, n - len())} for
 * {@code bounded(n)}, {@code 1} while a receiver is known to wait for a rendezvous (the only
 * evidence is the room watch having fired), and unlimited ({@code Long.MAX_VALUE}, once) for
 * {@code unbounded()}. A fired room watch also counts as room for one item on a full bounded
 * channel, so a channel that drops instead of waiting (an overflow policy) still moves one item
 * per watch. Batching: while items are still owed ({@code inBridge > 0}) a top-up waits until
 * {@code want} reaches 3/4 of the prefetch ({@code limit}). With nothing owed, a subscriber on a
 * caller's channel requests any {@code want >= 1} (other senders might keep a batch's worth of
 * room from ever appearing); {@code toReceiver}'s subscriber ({@code batched}: it owns the only
 * sender of a bounded channel that waits) arms the room watch with {@code minFree = limit}
 * instead ({@link Sender#watchSendable(int, Runnable)}), so a slow consumer still gets requests
 * of at least {@code limit}. It cannot stall: the channel then holds at least
 * {@code n - limit + 1} messages for the consumer to take.
 * Invariant [1]: {@code requested - sent <= prefetch}, so the items this subscriber holds never
 * exceed what the channel could take when they were requested.
 *
 * <p>Room. A round that meets {@code FULL} (or, batched, finds less than {@code limit} free)
 * registers one {@code watchSendable(minFree, cb)}, {@code minFree} being {@code limit} when
 * batched, else 1 (a new one per wait, never two at once); its callback sets {@code roomSeen} and drains.
 * Other senders may take the room: the items then wait in the queue, with no new request.
 *
 * <p>Ending. The subscriber owns its {@code Sender} handle. A {@code watchDisconnected} registered
 * in the first round tells it that every receiver is gone (or the channel was closed): the round
 * cancels the upstream, drops the queue and closes the handle. The upstream's completion or
 * error is acted on only once the queue is empty, so the items received before it are sent
 * first: completion closes the handle (the channel disconnects when it was the last sender),
 * an error calls {@code closeChannel(error)}, which receivers see after the buffered items. A
 * source that sends more than requested is cancelled and the channel is closed with an
 * {@link IllegalStateException} as cause (rule 2.13: never block, never drop silently).
 *
 * @param <T> the message type
 */
final class SenderSubscriber<T> extends DrainLoop implements Flow.Subscriber<T> {
    private final Sender<T> sender;
    private final int capacity;
    private final long prefetch;
    private final long limit;
    /** Every top-up is a batch of at least {@link #limit}, owed items or not (toReceiver). */
    private final boolean batched;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();

    private volatile Flow.Subscription upstream;

    /** Items asked of the upstream so far; written by the loop, read by onNext. */
    private volatile long requested;
    /** Items received from the upstream; written by onNext only. */
    private volatile long received;
    private volatile boolean done;
    private Throwable error;                           // written before `done`
    /** The room watch fired since the last send: there is room (rendezvous: a receiver waits). */
    private volatile boolean roomSeen;
    /** A room watch is registered and has not fired yet. */
    private volatile boolean roomArmed;
    /** The disconnect watch fired: no send can succeed any more. */
    private volatile boolean disconnected;

    private final Runnable onRoom = () -> {
        roomArmed = false;
        roomSeen = true;
        drain();
    };

    // Loop-owned.
    private long sent;
    private Watch roomWatch;
    private Watch disconnectWatch;

    /** A subscriber on a caller's channel: tops up any room once nothing is owed. */
    SenderSubscriber(Sender<T> sender) {
        this(sender, false);
    }

    /**
     * @param batch {@code true} if this subscriber owns the only sender of its channel
     *        ({@code toReceiver}): then, on a bounded channel that waits, every top-up is a batch
     */
    SenderSubscriber(Sender<T> sender, boolean batch) {
        this.sender = sender;
        this.capacity = Demand.capacityOf(sender.capacity());
        this.prefetch = Demand.prefetch(capacity);
        this.limit = Demand.replenishLimit(capacity);
        this.batched = batch && capacity > 0 && capacity != Demand.UNBOUNDED
                && sender.overflow() == OverflowPolicy.BLOCK;
    }

    // ==== Upstream signals (serialized by the upstream, rule 1.3) ====

    @Override
    public void onSubscribe(Flow.Subscription s) {
        Objects.requireNonNull(s, "onSubscribe(null): rule 2.13");
        if (upstream != null) {
            s.cancel();                                 // rule 2.5: one subscription at a time
            return;
        }
        upstream = s;
        drain();                                        // registers the watches, requests what fits
    }

    @Override
    public void onNext(T item) {
        Objects.requireNonNull(item, "onNext(null): rule 2.13");
        if (done) {
            return;                                     // after an overflow or a terminal signal
        }
        long r = received + 1;
        received = r;                                   // single writer: the upstream
        if (r > requested) {
            cancelUpstream();
            error = new IllegalStateException("rule 1.1: the source sent more items than requested ("
                    + requested + ")");
            done = true;
        } else {
            queue.offer(item);
        }
        drain();
    }

    @Override
    public void onError(Throwable t) {
        Objects.requireNonNull(t, "onError(null): rule 2.13");
        if (!done) {
            error = t;
            done = true;
            drain();
        }
    }

    @Override
    public void onComplete() {
        if (!done) {
            done = true;
            drain();
        }
    }

    // ==== The loop ====

    /** One round ({@link DrainLoop}); {@code true} once the subscriber is finished for good. */
    @Override
    boolean round() {
        try {
            if (disconnectWatch == null) {              // may fire at once: then a missed round
                disconnectWatch = sender.watchDisconnected(() -> {
                    disconnected = true;
                    drain();
                });
            }
            if (done && queue.isEmpty()) {              // everything was sent: a late disconnection
                return finish(error);                   // does not turn that into a failure
            }
            if (disconnected || sender.isDisconnected()) {   // the flag may not be set yet: the room
                return abandon();                           // watch fires on disconnection too, first
            }
            for (;;) {
                boolean d = done;                       // read before the queue: no item missed
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
                    roomSeen = false;                   // that room is used; wait for fresh evidence
                } else if (result == TrySendResult.DISCONNECTED) {
                    return abandon();
                } else {
                    armRoomWatch();                     // FULL
                    return false;
                }
            }
            requestMore();
            return false;
        } catch (Throwable failure) {                   // e.g. the handle was closed by someone else
            Fatal.rethrowIfFatal(failure);
            cancelUpstream();
            return finish(failure);
        }
    }

    /** The queue is empty and the upstream not done: ask for what fits (see the header). */
    private void requestMore() {
        Flow.Subscription s = upstream;
        if (s == null) {
            return;
        }
        long inBridge = requested - sent;               // invariant [1]: <= prefetch
        long room;
        if (capacity == Demand.UNBOUNDED) {
            room = prefetch;
        } else if (capacity == 0) {
            room = roomSeen ? 1 : 0;
        } else {
            room = Math.max(capacity - sender.len(), roomSeen ? 1 : 0);
        }
        long want = Math.min(room, prefetch) - inBridge;
        if (want <= 0) {
            if (inBridge == 0) {
                armRoomWatch();                         // full, nothing coming: wait for room
            }
            return;
        }
        if (inBridge > 0 && want < limit) {
            return;                                     // batching: items are still on their way
        }
        if (batched && want < limit) {
            armRoomWatch();                             // nothing owed: wait until a batch fits
            return;
        }
        roomSeen = false;                               // this evidence is spent on this request
        long n = prefetch == Long.MAX_VALUE ? Long.MAX_VALUE : want;   // unbounded: once, for good
        requested = n == Long.MAX_VALUE ? n : requested + n;
        s.request(n);                                   // may deliver now: then a missed round
    }

    private void armRoomWatch() {
        if (!roomArmed) {
            roomArmed = true;                           // before: the callback may run at once
            Watch previous = roomWatch;
            roomWatch = sender.watchSendable(batched ? (int) limit : 1, onRoom);
            if (previous != null) {
                previous.cancel();                      // fired already: a no-op
            }
        }
    }

    private void cancelUpstream() {
        Flow.Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
    }

    /** The receivers are gone: nothing will ever be received, stop the source. */
    private boolean abandon() {
        cancelUpstream();
        queue.clear();
        release(null);
        return true;
    }

    /** Ends with the source's outcome ({@code failure == null}: completed). */
    private boolean finish(Throwable failure) {
        release(failure);
        return true;
    }

    /** Withdraws both watches and closes the handle; a failure closes the channel with it as cause. */
    private void release(Throwable failure) {
        Watch w = disconnectWatch;
        if (w != null) {
            w.cancel();
        }
        w = roomWatch;
        if (w != null) {
            w.cancel();
        }
        queue.clear();
        try {
            if (failure != null) {
                sender.closeChannel(failure);           // the receivers learn why, after the buffered items
            }
        } catch (RuntimeException closedAlready) {
            // The handle was closed by its owner: there is no channel left to tell.
        }
        try {
            sender.close();
        } catch (RuntimeException discardHookFailed) {
            // The channel's discard hook threw: the handle is closed all the same.
        }
    }
}
