package dev.sluice.flow;

import dev.sluice.Receiver;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * ReceiverPublisher: a {@link Flow.Publisher} of the messages of one {@link Receiver} handle,
 * taken from the channel only as the subscriber requests them ({@link FlowChannels#publisher}).
 *
 * <p>The publisher owns the handle and allows one subscription: the state moves
 * {@code FRESH -> ACTIVE -> FINISHED} by compare-and-set, so of two concurrent subscribers exactly
 * one gets the messages; any other, and any subscriber after the first one ended, gets
 * {@code onSubscribe} with an inert subscription, then {@code onError(IllegalStateException)}
 * (rules 1.9 and 2.13), without touching the first subscription. The work is done by
 * {@link ReceiverSubscription}.
 *
 * @param <T> the message type
 */
final class ReceiverPublisher<T> implements Flow.Publisher<T> {
    private static final int FRESH = 0;
    private static final int ACTIVE = 1;
    static final int FINISHED = 2;

    final Receiver<T> receiver;

    /** FRESH, then ACTIVE while subscribed, then FINISHED. */
    volatile int state;
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<ReceiverPublisher> STATE =
            AtomicIntegerFieldUpdater.newUpdater(ReceiverPublisher.class, "state");

    ReceiverPublisher(Receiver<T> receiver) {
        this.receiver = receiver;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");   // rule 1.9
        if (!STATE.compareAndSet(this, FRESH, ACTIVE)) {
            refuse(subscriber, new IllegalStateException(state == ACTIVE
                    ? "this Receiver already has a subscriber: a Flow.Publisher over one Receiver handle allows a"
                            + " single Subscriber; publish a clone (receiver.clone()) per subscriber for competing consumers"
                    : "this Receiver was already consumed: its subscription ended and closed the handle"));
            return;
        }
        ReceiverSubscription<T> subscription = new ReceiverSubscription<>(subscriber, this);
        try {
            subscriber.onSubscribe(subscription);
        } catch (Throwable t) {                               // rule 2.13: a broken subscriber
            Fatal.rethrowIfFatal(t);
            subscription.subscriberFailed(t);
        }
        subscription.drain();                                 // an unusable handle fails here
    }

    /** Rules 1.9 and 2.13: {@code onSubscribe} first, then the error; the subscriber may throw. */
    static void refuse(Flow.Subscriber<?> subscriber, Throwable error) {
        try {
            subscriber.onSubscribe(Inert.INSTANCE);
            subscriber.onError(error);
        } catch (Throwable ignored) {
            Fatal.rethrowIfFatal(ignored);
            // Rule 2.13: the subscriber broke the contract; there is nobody else to tell.
        }
    }

    /** The subscription of a refused subscriber: requests and cancels are no-ops (rule 3.6). */
    private enum Inert implements Flow.Subscription {
        INSTANCE;

        @Override
        public void request(long n) {
        }

        @Override
        public void cancel() {
        }
    }

    @Override
    public String toString() {
        return "ReceiverPublisher{" + receiver + "}";
    }
}
