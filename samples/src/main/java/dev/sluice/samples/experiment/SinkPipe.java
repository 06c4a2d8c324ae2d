package dev.sluice.samples.experiment;

import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The {@code reactor-unbounded} baseline: {@code Sinks.many().unicast().onBackpressureBuffer()},
 * read by one Flux subscriber.
 *
 * <p>A unicast sink accepts one emitter at a time: a concurrent {@code tryEmitNext} fails with
 * {@code FAIL_NON_SERIALIZED}, and this pipe retries it (spin, and a yield every
 * {@value #YIELD_EVERY} attempts; bounded by the send's timeout), as
 * {@code EmitFailureHandler.busyLooping} does. The retries count as time in {@code send}.
 * {@code FAIL_OVERFLOW} (never, for an unbounded buffer) would be a rejected message.
 * {@link #depth()} is the sink's {@code Scannable.Attr.BUFFERED}: its queue's size.
 */
final class SinkPipe implements Pipe {

    private static final int YIELD_EVERY = 64;

    private final Sinks.Many<Stamp> sink = Sinks.many().unicast().onBackpressureBuffer();
    private boolean fluxTaken;

    @Override
    public Inlet newInlet() {
        return new Inlet() {
            @Override
            public Outcome send(Stamp stamp, long timeoutNanos) {
                long deadline = System.nanoTime() + timeoutNanos;
                for (int attempt = 1; ; attempt++) {
                    Sinks.EmitResult result = sink.tryEmitNext(stamp);
                    switch (result) {
                        case OK:
                            return Outcome.SENT;
                        case FAIL_NON_SERIALIZED:
                            if (System.nanoTime() - deadline >= 0) {
                                return Outcome.TIMEOUT;
                            }
                            if (attempt % YIELD_EVERY == 0) {
                                Thread.yield();
                            } else {
                                Thread.onSpinWait();
                            }
                            break;
                        case FAIL_OVERFLOW:
                            return Outcome.REJECTED;
                        default:
                            return Outcome.DISCONNECTED;    // cancelled or terminated
                    }
                }
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Outlet newOutlet() {
        throw new UnsupportedOperationException("reactor-unbounded is read by a Flux consumer");
    }

    @Override
    public Flux<Stamp> newFlux() {
        if (fluxTaken) {
            throw new IllegalStateException("a unicast sink has one subscriber: use --consumers 1");
        }
        fluxTaken = true;
        return sink.asFlux();
    }

    @Override
    public int depth() {
        Integer buffered = Scannable.from(sink).scan(Scannable.Attr.BUFFERED);
        return buffered == null ? 0 : buffered;
    }

    @Override
    public void producersDone() {
        while (sink.tryEmitComplete() == Sinks.EmitResult.FAIL_NON_SERIALIZED) {
            Thread.yield();                                 // only a producer's last emission can race
        }
    }

    @Override
    public void close() {
        sink.tryEmitComplete();
    }
}
