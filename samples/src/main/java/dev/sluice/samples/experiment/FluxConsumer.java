package dev.sluice.samples.experiment;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The reactive consumer: a Reactive Streams subscriber whose demand is paced by a driver thread,
 * under the rules of {@link Consumer}. For Sluice the Flux is {@code ChannelFlux.from(receiver)},
 * so what is measured is the bridge's backpressure: no demand, no message taken from the channel.
 *
 * <p>Service model: the subscriber asks for {@code n} messages ({@code request(n)}), waits until
 * they have all arrived, then "serves" them, taking {@code n} slots of its rate cap, and asks for
 * the next {@code n}: a subscriber that processes batches at a bounded rate, as {@code limitRate}
 * or a {@code publishOn} prefetch would ask. During a stall it asks for nothing. After the end of
 * the run (and the drain gate) it requests {@code Long.MAX_VALUE} and waits for completion.
 *
 * <p>Threads: {@code onNext} runs wherever the source emits (the driver inside
 * {@code request}, or a producer inside its send, or the {@code publishOn} worker); it only
 * records the message in {@link Latencies} (Reactive Streams serializes the signals, so one
 * writer at a time) and releases one permit of {@code arrived}, on which the driver waits. The
 * terminal signal sets {@code done} and releases the driver whatever it waits for.
 *
 * <p>The Flux is subscribed in the constructor, before the run starts, so that sources which
 * only exist once subscribed ({@code Flux.create}) are ready when the producers begin.
 */
final class FluxConsumer implements Consumer {

    /** Permits released by a terminal signal: more than any driver waits for. */
    private static final int TERMINAL_PERMITS = Integer.MAX_VALUE / 2;
    private static final long POLL_MILLIS = 100;

    private final ConsumerSpec spec;
    private final double rate;
    private final LoadShape load;
    private final RunClock clock;
    private final Latencies latencies;
    private final Scheduler publishOn;
    private final Semaphore arrived = new Semaphore(0);

    private volatile Subscription subscription;
    private volatile boolean done;
    private volatile Throwable error;
    private volatile long end = Long.MAX_VALUE;         // the run's end, once known

    FluxConsumer(Flux<Stamp> source, ConsumerSpec spec, double rate, LoadShape load, RunClock clock,
            RunCounters counters) {
        this.spec = spec;
        this.rate = rate;
        this.load = load;
        this.clock = clock;
        this.latencies = new Latencies(counters);
        this.publishOn = spec.publishOn() ? Schedulers.newSingle("experiment-publishOn") : null;
        Flux<Stamp> flux = publishOn == null ? source : source.publishOn(publishOn);
        flux.subscribe(new Subscriber());
    }

    @Override
    public void run() throws Exception {
        try {
            clock.arriveAndAwaitStart();
            long start = clock.start();
            end = clock.end();
            Pacer pacer = new Pacer(rate, start);
            Pacer.awaitInstant(start);
            Subscription s = subscription;
            if (s == null) {
                throw new IllegalStateException("the Flux never called onSubscribe");
            }
            while (!done) {
                long now = System.nanoTime();
                if (now - end >= 0) {
                    clock.awaitDrain();
                    s.request(Long.MAX_VALUE);              // drain at full speed
                    awaitTerminal();
                    break;
                }
                load.awaitEndOfStall(now, start);
                s.request(spec.request());
                if (!awaitBatch(spec.request())) {
                    continue;                               // the run ended, or the stream did
                }
                for (int i = 0; i < spec.request() && System.nanoTime() - end < 0; i++) {
                    pacer.nextSlotWithoutCatchUp();         // serve the batch at the rate cap
                }
            }
            if (error != null) {
                throw new IllegalStateException("the Flux failed: " + error, error);
            }
        } finally {
            Subscription s = subscription;
            if (!done && s != null) {
                s.cancel();
            }
            if (publishOn != null) {
                publishOn.dispose();
            }
        }
    }

    /**
     * Waits until {@code n} messages arrived ({@code true}), or the stream ended, or the run did
     * ({@code false}): at the end the producers stop, and a batch may never fill up.
     */
    private boolean awaitBatch(int n) throws InterruptedException {
        for (;;) {
            long left = end - System.nanoTime();
            if (done || left <= 0) {
                return false;
            }
            if (arrived.tryAcquire(n, Math.min(left, POLL_MILLIS * 1_000_000), TimeUnit.NANOSECONDS)) {
                return true;
            }
        }
    }

    /** Waits for the terminal signal (the permits of earlier batches do not matter any more). */
    private void awaitTerminal() throws InterruptedException {
        while (!done) {
            arrived.tryAcquire(TERMINAL_PERMITS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public Latencies latencies() {
        return latencies;
    }

    /** The subscriber: records, counts, and wakes the driver. */
    private final class Subscriber implements CoreSubscriber<Stamp> {
        @Override
        public void onSubscribe(Subscription s) {
            subscription = s;
        }

        @Override
        public void onNext(Stamp stamp) {
            latencies.record(stamp, System.nanoTime(), end);
            arrived.release();
        }

        @Override
        public void onError(Throwable t) {
            error = t;
            done = true;
            arrived.release(TERMINAL_PERMITS);
        }

        @Override
        public void onComplete() {
            done = true;
            arrived.release(TERMINAL_PERMITS);
        }
    }
}
