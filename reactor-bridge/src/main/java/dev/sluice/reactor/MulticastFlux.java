package dev.sluice.reactor;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Scannable;
import reactor.core.publisher.ConnectableFlux;
import reactor.core.publisher.Flux;

/**
 * MulticastFlux: the output of {@link ChannelSinks#multicast(int)}, one channel receiver fanned out
 * to every current subscriber, paced by the slowest of them.
 *
 * @param <T> the element type
 */
final class MulticastFlux<T> extends Flux<T> implements Scannable {
    /*
     * Implementation notes.
     *
     * Pipeline. source (the channel's one FluxReceiver) -> publish(PREFETCH) -> refCount(1).
     *   - Reactor's FluxPublish keeps a queue of at most PREFETCH items, requests from its upstream
     *     only what that queue can hold, and hands an item to ALL its subscribers at once, only
     *     when every one of them has demand. So the slowest subscriber's demand governs: while it
     *     requests nothing, FluxPublish's queue fills, FluxReceiver stops taking items, the
     *     bounded channel fills, tryEmitNext answers FAIL_OVERFLOW and blocking sends park.
     *     In flight between a producer and the slowest subscriber: at most capacity (channel)
     *     + PREFETCH (FluxPublish's queue) items, plus the one being handed out.
     *   - refCount(1) connects (subscribes FluxPublish to the source) at the first subscriber and
     *     disconnects when the last one goes away, which cancels FluxReceiver: it closes the
     *     receiver, the channel disconnects, blocked senders fail and the sink answers
     *     FAIL_CANCELLED: Reactor's autoCancel = true, the default of
     *     Sinks.many().multicast().onBackpressureBuffer().
     *   - A subscriber that cancels is removed from FluxPublish, so it stops counting for demand.
     *
     * Reconnection. The source is single-use (a FluxReceiver allows one subscription), yet
     * refCount reconnects when a subscriber arrives after the previous connection ended. The
     * upstream is therefore a defer that hands out the source once (`connections` 0 -> 1) and
     * afterwards replays the recorded end: the channel's terminal signal if the source ended
     * (recorded in doOnComplete/doOnError before FluxPublish sees it, so any later connection finds
     * it), or plain completion after an auto-cancel, as Reactor's multicast sink completes
     * subscribers that come after it shut down.
     *
     * Buffered. scan(BUFFERED) of the sink adds FluxPublish's queue (up to PREFETCH items taken
     * from the channel, not yet handed to every subscriber) to the channel's length, as Reactor's
     * multicast sink counts its queue; Watched remembers the connection to ask it.
     *
     * Counting. currentSubscriberCount() counts subscribers from their onSubscribe to their end
     * (cancel, complete, error), like Reactor's subscriber array.
     */

    /** FluxPublish's queue, and so the most items taken from the channel ahead of the slowest subscriber. */
    static final int PREFETCH = 4;

    /** Marks a source that completed without an error. */
    private static final Throwable COMPLETED = new Throwable("completed", null, false, false) { };

    private final FluxReceiver<T> source;
    private final Flux<T> shared;

    /** FluxPublish's current connection (its subscriber to the source), for scan(BUFFERED). */
    private volatile @Nullable Disposable connection;

    /** null while the source has not ended; COMPLETED or the error once it has. */
    private volatile @Nullable Throwable end;

    volatile int connections;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<MulticastFlux> CONNECTIONS =
            AtomicIntegerFieldUpdater.newUpdater(MulticastFlux.class, "connections");

    volatile int subscribers;
    @SuppressWarnings("rawtypes")
    static final AtomicIntegerFieldUpdater<MulticastFlux> SUBSCRIBERS =
            AtomicIntegerFieldUpdater.newUpdater(MulticastFlux.class, "subscribers");

    MulticastFlux(FluxReceiver<T> source) {
        this.source = source;
        Flux<T> recording = source
                .doOnComplete(() -> end = COMPLETED)
                .doOnError(e -> end = e);
        ConnectableFlux<T> published = Flux.defer(() -> CONNECTIONS.compareAndSet(this, 0, 1) ? recording : replayEnd())
                .publish(PREFETCH);
        this.shared = new Watched<>(published, this).refCount(1)
                .doOnSubscribe(s -> SUBSCRIBERS.incrementAndGet(this))
                .doFinally(signal -> SUBSCRIBERS.decrementAndGet(this));
    }

    /** The connection's queue: items taken from the channel, not yet handed to every subscriber. */
    int fanOutBuffered() {
        Disposable c = connection;
        if (c == null || c.isDisposed()) {
            return 0;
        }
        Integer buffered = Scannable.from(c).scan(Attr.BUFFERED);
        return buffered == null ? 0 : buffered;
    }

    private Flux<T> replayEnd() {
        Throwable e = end;
        return e == null || e == COMPLETED ? Flux.empty() : Flux.error(e);
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
        shared.subscribe(actual);
    }

    /** The published flux, remembering each connection it makes (refCount connects through it). */
    private static final class Watched<T> extends ConnectableFlux<T> {
        private final ConnectableFlux<T> published;
        private final MulticastFlux<T> parent;

        Watched(ConnectableFlux<T> published, MulticastFlux<T> parent) {
            this.published = published;
            this.parent = parent;
        }

        @Override
        public void connect(Consumer<? super Disposable> cancelSupport) {
            published.connect(c -> {
                parent.connection = c;
                cancelSupport.accept(c);
            });
        }

        @Override
        public void subscribe(CoreSubscriber<? super T> actual) {
            published.subscribe(actual);
        }

        @Override
        public int getPrefetch() {
            return PREFETCH;
        }
    }

    int subscriberCount() {
        return subscribers;
    }

    @Override
    @SuppressWarnings("rawtypes")                   // Reactor's own signature
    public @Nullable Object scanUnsafe(Attr key) {
        if (key == Attr.PREFETCH) {
            return PREFETCH;
        }
        if (key == Attr.RUN_STYLE) {
            return Attr.RunStyle.ASYNC;
        }
        return source.scanUnsafe(key);
    }
}
