package dev.sluice.reactor;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;

/**
 * OutcomeIgnored: the subscriber of a {@code Mono<Void>} whose outcome nobody waits for, the
 * sending side of {@link ChannelFlux#toReceiver}.
 *
 * <p>Why every signal may be ignored there: that sending subscriber owns its channel, so the
 * receivers already learn the outcome through the channel itself (completion is disconnection,
 * the source's error is the channel's close cause), and the remaining failure,
 * {@link dev.sluice.SendDisconnectedException}, only says that the receivers left, which they
 * know. Reactor's {@code Operators.emptySubscriber()} is not a substitute: it logs every signal it
 * gets as an ERROR. Stateless, so one instance serves every subscription; it requests nothing,
 * which a {@code Mono<Void>} does not need.
 */
enum OutcomeIgnored implements CoreSubscriber<Object> {
    INSTANCE;

    @SuppressWarnings("unchecked")
    static <T> CoreSubscriber<T> instance() {
        return (CoreSubscriber<T>) (CoreSubscriber<?>) INSTANCE;
    }

    @Override
    public void onSubscribe(Subscription s) {
        // The outcome arrives without demand.
    }

    @Override
    public void onNext(Object ignored) {
        // A Mono<Void> emits no value.
    }

    @Override
    public void onError(Throwable ignored) {
        // The channel carries it to the receivers (see the class comment).
    }

    @Override
    public void onComplete() {
        // The channel's disconnection tells the receivers.
    }
}
