package dev.sluice.samples.experiment;

import dev.sluice.Receiver;
import java.util.ArrayList;
import java.util.List;

/**
 * The sampler thread: every interval, reads the channel's {@code len()} and counts the producers
 * blocked in {@code send}, until stopped.
 *
 * <p>Sampling is a snapshot, as {@code len()} is: between two samples the depth may have moved
 * anywhere. A sampler that falls behind (descheduled) skips the instants it missed rather than
 * taking a burst of samples. {@link #samples} is written by the sampler thread only; read it after
 * join.
 */
final class Sampler {

    private final Receiver<Stamp> probe;
    private final List<Producer> producers;
    private final RunClock clock;
    private final long intervalNanos;
    private volatile boolean stopped;

    final List<DepthSample> samples = new ArrayList<>();

    Sampler(Receiver<Stamp> probe, List<Producer> producers, RunClock clock, long intervalNanos) {
        this.probe = probe;
        this.producers = producers;
        this.clock = clock;
        this.intervalNanos = intervalNanos;
    }

    /** The sampler thread's body: samples at {@code start}, {@code start + interval}, ... */
    void run() throws InterruptedException {
        clock.arriveAndAwaitStart();
        long start = clock.start();
        long next = start;
        while (!stopped) {
            Pacer.awaitInstant(next);
            long now = System.nanoTime();
            int depth = probe.len();
            int blocked = 0;
            for (Producer producer : producers) {
                if (producer.isBlocked(now)) {
                    blocked++;
                }
            }
            samples.add(new DepthSample(now - start, depth, blocked));
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
