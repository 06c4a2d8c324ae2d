package dev.sluice.reactor;

import dev.sluice.Sender;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.Scannable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;

/**
 * MonoSendInto: the {@code Mono<Void>} returned by {@link ChannelFlux#into}; each subscription
 * drives the source into the sender through a {@link SenderSubscriber}.
 *
 * <p>The Mono owns its {@link Sender} handle, which its subscription closes when it ends; so it
 * can be subscribed only once. A second subscriber gets {@link IllegalStateException}.
 *
 * @param <T> the message type
 */
final class MonoSendInto<T> extends Mono<Void> implements Scannable {
    private final Publisher<? extends T> source;
    private final Sender<T> sender;

    volatile int subscribed;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<MonoSendInto> SUBSCRIBED =
            AtomicIntegerFieldUpdater.newUpdater(MonoSendInto.class, "subscribed");

    MonoSendInto(Publisher<? extends T> source, Sender<T> sender) {
        this.source = source;
        this.sender = sender;
    }

    @Override
    public void subscribe(CoreSubscriber<? super Void> actual) {
        if (!SUBSCRIBED.compareAndSet(this, 0, 1)) {
            Operators.error(actual, new IllegalStateException("ChannelFlux.into(source, sender) can be subscribed"
                    + " only once: it owns its Sender handle, which the first subscription closes when it ends;"
                    + " give each run its own handle (sender.clone(), taken while the handle is open)"));
            return;
        }
        if (sender.isClosed()) {
            Operators.error(actual, new IllegalStateException("ChannelFlux.into: the Sender is closed"));
            return;
        }
        source.subscribe(new SenderSubscriber<T>(sender, actual));
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
}
