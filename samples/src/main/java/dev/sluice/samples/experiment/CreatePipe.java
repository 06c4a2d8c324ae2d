package dev.sluice.samples.experiment;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscription;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The {@code reactor-create-buffer} baseline: {@code Flux.create(sink -> .., BUFFER)}, read by
 * one Flux subscriber. {@code FluxSink.next} is safe from several producer threads (the sink
 * serializes them) and never waits: what the subscriber has not requested is queued without
 * bound.
 *
 * <p>The {@code FluxSink} exists only once the Flux is subscribed, which the Flux consumer does
 * before the run starts; a producer's first send waits for it (at most
 * {@value #SUBSCRIBE_TIMEOUT_SECONDS} s). {@link #depth()} scans the {@code BUFFERED} attribute of
 * the create operator's own subscription, caught by {@code doOnSubscribe} right behind it (the
 * serializing {@code FluxSink} wrapper reports only its own hand-off queue).
 */
final class CreatePipe implements Pipe {

    private static final long SUBSCRIBE_TIMEOUT_SECONDS = 30;

    private final CompletableFuture<FluxSink<Stamp>> sink = new CompletableFuture<>();
    private final AtomicReference<Subscription> source = new AtomicReference<>();
    private boolean fluxTaken;

    @Override
    public Inlet newInlet() {
        return new Inlet() {
            @Override
            public Outcome send(Stamp stamp, long timeoutNanos) throws InterruptedException {
                FluxSink<Stamp> s = sink();
                if (s.isCancelled()) {
                    return Outcome.DISCONNECTED;
                }
                s.next(stamp);
                return Outcome.SENT;
            }

            @Override
            public void close() {
            }
        };
    }

    private FluxSink<Stamp> sink() throws InterruptedException {
        try {
            return sink.get(SUBSCRIBE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Flux.create was never subscribed", e);
        }
    }

    @Override
    public Outlet newOutlet() {
        throw new UnsupportedOperationException("reactor-create-buffer is read by a Flux consumer");
    }

    @Override
    public Flux<Stamp> newFlux() {
        if (fluxTaken) {
            throw new IllegalStateException("Flux.create here has one subscriber: use --consumers 1");
        }
        fluxTaken = true;
        return Flux.<Stamp>create(sink::complete, FluxSink.OverflowStrategy.BUFFER)
                .doOnSubscribe(source::set);
    }

    @Override
    public int depth() {
        Subscription s = source.get();
        Integer buffered = s == null ? null : Scannable.from(s).scan(Scannable.Attr.BUFFERED);
        return buffered == null ? 0 : buffered;
    }

    @Override
    public void producersDone() throws InterruptedException {
        sink().complete();
    }

    @Override
    public void close() {
        sink.thenAccept(FluxSink::complete);
    }
}
