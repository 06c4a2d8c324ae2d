package dev.sluice.benchmarks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * BridgeRig: the threads of the bridge benchmarks, started once per trial, and the procedure that
 * runs one {@link Route} end to end.
 *
 * <p>Every path has the same shape: a dedicated producer thread (a legacy, blocking thread) hands
 * messages to the route; the stream is observed through {@code publishOn(consumer, }
 * {@value #PREFETCH}{@code )}, so the subscriber runs on another dedicated thread and requests
 * upstream in batches of {@value #PREFETCH} (replenishing at 75%, Reactor's rule) on every path.
 * {@link java.util.concurrent.SubmissionPublisher} additionally needs an executor to deliver from;
 * it gets its own thread, {@link #flowExecutor()}. {@code Flux.generate} takes from its blocking
 * queue on {@code Schedulers.boundedElastic()}, as Reactor recommends for blocking sources.
 */
final class BridgeRig implements AutoCloseable {
    /** The subscriber's request batch, the same for every path. */
    static final int PREFETCH = 256;
    /** The capacity of every bounded path. */
    static final int CAPACITY = 1024;

    private final ExecutorService producer = Executors.newSingleThreadExecutor(daemon("bridge-producer"));
    private final ExecutorService flowExecutor = Executors.newSingleThreadExecutor(daemon("bridge-flow-executor"));
    private final Scheduler consumer = Schedulers.newSingle("bridge-consumer", true);

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** The executor a {@code SubmissionPublisher} delivers from. */
    ExecutorService flowExecutor() {
        return flowExecutor;
    }

    /**
     * Sends every message through a fresh route of {@code path} into a subscriber that spends
     * {@code workNanos} per item (0 for none) and checks that each arrived once, in order.
     */
    void run(BridgePath path, Integer[] messages, Progress progress, long workNanos) throws Exception {
        run(path, messages, progress, workNanos, null);
    }

    /** As {@link #run(BridgePath, Integer[], Progress, long)}, timing the producer with {@code clock}. */
    void run(BridgePath path, Integer[] messages, Progress progress, long workNanos, InFlightProbe.ProducerClock clock)
            throws Exception {
        Route route = path.open(this, messages.length);
        if (progress != null) {
            route.watch(progress);
        }
        CountingSubscriber subscriber = new CountingSubscriber(progress, workNanos);
        route.flux().publishOn(consumer, PREFETCH).subscribe(subscriber);
        Future<?> producing = producer.submit(() -> {
            if (clock != null) {
                clock.start();
            }
            try {
                route.produce(messages, progress);
            } finally {
                if (clock != null) {
                    clock.stop();
                }
            }
            return null;
        });
        boolean finished = false;
        try {
            subscriber.await(messages.length, 120, TimeUnit.SECONDS);
            producing.get(10, TimeUnit.SECONDS);
            finished = true;
        } finally {
            if (!finished) {
                producing.cancel(true);   // free a producer stuck in a blocking hand-over
            }
        }
    }

    @Override
    public void close() {
        producer.shutdownNow();
        flowExecutor.shutdownNow();
        consumer.dispose();
    }
}
