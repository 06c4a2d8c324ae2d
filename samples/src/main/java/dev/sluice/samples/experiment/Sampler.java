package dev.sluice.samples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The sampler thread: every interval, reads the design's depth, the messages in flight, the
 * producers blocked in {@code send} and the heap in use, until stopped; and reports the time
 * elapsed to a progress listener.
 *
 * <p>Sampling is a snapshot, as {@code len()} is: between two samples the depth may have moved
 * anywhere. A sampler that falls behind (descheduled) skips the instants it missed rather than
 * taking a burst of samples. {@link #samples} is written by the sampler thread only; read it after
 * join.
 */
final class Sampler {

    private final Pipe pipe;
    private final RunCounters counters;
    private final List<Producer> producers;
    private final RunClock clock;
    private final long intervalNanos;
    private final LongConsumer progress;
    private volatile boolean stopped;

    final List<DepthSample> samples = new ArrayList<>();

    /** @param progress receives the nanoseconds elapsed since the start, at every sample */
    Sampler(Pipe pipe, RunCounters counters, List<Producer> producers, RunClock clock, long intervalNanos,
            LongConsumer progress) {
        this.pipe = pipe;
        this.counters = counters;
        this.producers = producers;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
        this.progress = progress;
    }

    /** The sampler thread's body: samples at {@code start}, {@code start + interval}, ... */
    void run() throws InterruptedException {
        clock.arriveAndAwaitStart();
        long start = clock.start();
        long next = start;
        while (!stopped) {
            Pacer.awaitInstant(next);
            long now = System.nanoTime();
            int depth = pipe.depth();
            long inFlight = counters.inFlight();
            int blocked = 0;
            for (Producer producer : producers) {
                if (producer.isBlocked(now)) {
                    blocked++;
                }
            }
            samples.add(new DepthSample(now - start, depth, inFlight, blocked, HeapProbe.used()));
            progress.accept(now - start);
            do {
                next += intervalNanos;
            } while (next - System.nanoTime() <= 0);
        }
    }

    /** Ends the sampling loop after at most one more interval. */
    void stop() {
        stopped = true;
    }
}
