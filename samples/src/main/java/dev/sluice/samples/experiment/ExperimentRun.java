package dev.sluice.samples.experiment;

import dev.sluice.samples.JoinHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs one configuration: opens the design's {@link Pipe}, wires producers, consumers and the
 * sampler to it, lets them run for the configured duration, measures the heap the backlog
 * retains, drains, and collects an {@link ExperimentReport}.
 *
 * <p>Timeline (all instants from {@link System#nanoTime()}):
 * <pre>
 *   before                       full GC: the heap baseline; the pipe and every thread are made
 *                                (a Flux consumer subscribes now)
 *   start = now + 20 ms          fixed once every thread is running (RunClock); every
 *                                thread waits for it, so all begin together
 *   start .. end                 producers send on their schedule (rate, arrivals, burst);
 *                                consumers take at their rate, not during the stall; the
 *                                sampler reads depth, in-flight, blocked producers and heap
 *   end                          producers stop (a send still blocked gives up); consumers
 *                                wait at the drain gate
 *   producers joined             depth at the end read; full GC: the retained heap; the drain
 *                                gate opens, then pipe.producersDone() ends the stream
 *   consumers joined             the sampler is stopped; the report is built
 * </pre>
 *
 * <p>Nothing can strand a thread: producers never wait past {@code end}; the gates open in
 * {@code finally} if the orchestrator fails; the pipe is closed in {@code finally}.
 *
 * <p>Invariants the report can be checked against: {@code received + dropped == sent}, and
 * {@code dropped == 0} for a design that never drops; a bounded design's sampled depth never
 * exceeds its capacity; a rendezvous always reports depth 0.
 */
public final class ExperimentRun {

    private static final long START_DELAY_NANOS = 20_000_000;
    private static final long READY_TIMEOUT_SECONDS = 30;

    private ExperimentRun() {
    }

    /** Runs {@code settings} without progress reports. */
    public static ExperimentReport run(ExperimentSettings settings) throws Exception {
        return run(settings, elapsed -> { });
    }

    /**
     * Runs the experiment described by {@code settings} and returns its report. Takes about
     * {@code settings.duration()} plus the drain and two full collections.
     *
     * @param progress receives the nanoseconds elapsed since the start, from the sampler thread
     * @throws Exception whatever a producer, consumer or the sampler threw
     */
    public static ExperimentReport run(ExperimentSettings settings, LongConsumer progress) throws Exception {
        long heapBefore = HeapProbe.usedAfterGc();
        RunCounters counters = new RunCounters();
        RunClock clock = new RunClock(settings.producers() + settings.consumers() + 1);
        long threshold = settings.blockedThreshold().toNanos();
        LoadShape load = settings.load();

        try (Pipe pipe = settings.design().open(counters, settings.consumers())) {
            List<Producer> producers = new ArrayList<>();
            for (int i = 0; i < settings.producers(); i++) {
                producers.add(new Producer(pipe.newInlet(), clock, counters, threshold, schedule(settings, i)));
            }
            List<Consumer> consumers = new ArrayList<>();
            for (int i = 0; i < settings.consumers(); i++) {
                consumers.add(settings.consumer().kind() == ConsumerKind.THREAD
                        ? new ThreadConsumer(pipe.newOutlet(), settings.consumerRate(), load, clock, counters)
                        : new FluxConsumer(pipe.newFlux(), settings.consumer(), settings.consumerRate(), load,
                                clock, counters));
            }
            Sampler sampler = new Sampler(pipe, counters, producers, clock, settings.sampleInterval().toNanos(),
                    progress);

            List<JoinHandle> producerThreads = new ArrayList<>();
            List<JoinHandle> consumerThreads = new ArrayList<>();
            JoinHandle samplerThread = JoinHandle.spawn("sampler", sampler::run);
            try {
                for (int i = 0; i < producers.size(); i++) {
                    producerThreads.add(JoinHandle.spawn("producer-" + (i + 1), producers.get(i)::run));
                }
                for (int i = 0; i < consumers.size(); i++) {
                    consumerThreads.add(JoinHandle.spawn("consumer-" + (i + 1), consumers.get(i)::run));
                }
                clock.startWhenReady(START_DELAY_NANOS, settings.duration().toNanos(), READY_TIMEOUT_SECONDS);

                for (JoinHandle producer : producerThreads) {
                    producer.join();
                }
                int depthAtEnd = pipe.depth();
                long heapRetained = Math.max(0, HeapProbe.usedAfterGc() - heapBefore);
                long drainFrom = System.nanoTime();
                clock.openDrain();
                pipe.producersDone();
                for (JoinHandle consumer : consumerThreads) {
                    consumer.join();
                }
                long consumersDone = System.nanoTime();
                sampler.stop();
                samplerThread.join();

                long peakHeap = sampler.samples.stream().mapToLong(DepthSample::heapUsedBytes).max().orElse(heapBefore);
                return report(settings, producers, consumers, counters, sampler.samples, depthAtEnd,
                        Math.max(0, consumersDone - Math.max(drainFrom, clock.end())),
                        Math.max(0, peakHeap - heapBefore), heapRetained);
            } finally {
                clock.cancelIfNotStarted();
                clock.openDrain();
                sampler.stop();
            }
        }
    }

    /** Producer {@code index}'s schedule, made once the start instant is known. */
    private static LongFunction<ProducerSchedule> schedule(ExperimentSettings settings, int index) {
        LoadShape load = settings.load();
        SplittableRandom random = load.arrivals() == Arrivals.POISSON ? new SplittableRandom(load.seed() + index) : null;
        int burstShare = load.burst().map(b -> b.shareOf(index, settings.producers())).orElse(0);
        long burstOffset = load.burst().map(b -> b.at().toNanos()).orElse(0L);
        return start -> new ProducerSchedule(settings.producerRate(), start, random, start + burstOffset, burstShare);
    }

    private static ExperimentReport report(ExperimentSettings settings, List<Producer> producers,
            List<Consumer> consumers, RunCounters counters, List<DepthSample> samples, int depthAtEnd,
            long drainNanos, long peakHeap, long retainedHeap) {
        long sent = 0;
        long abandoned = 0;
        long sendNanos = 0;
        long blockedNanos = 0;
        long blockedSends = 0;
        long producerNanos = 0;
        for (Producer p : producers) {
            producerNanos += p.activeNanos;
            sent += p.sent;
            abandoned += p.abandoned;
            sendNanos += p.sendNanos;
            blockedNanos += p.blockedNanos;
            blockedSends += p.blockedSends;
        }
        long received = 0;
        long receivedDuringRun = 0;
        Histogram sinceSendCalled = new Histogram(3);
        Histogram sinceScheduled = new Histogram(3);
        for (Consumer c : consumers) {
            Latencies l = c.latencies();
            received += l.received;
            receivedDuringRun += l.receivedDuringRun;
            sinceSendCalled.add(l.sinceSendCalled);
            sinceScheduled.add(l.sinceScheduled);
        }
        return new ExperimentReport(settings, sent, received, receivedDuringRun, counters.dropped.sum(), abandoned,
                producerNanos, sendNanos, blockedNanos, blockedSends, depthAtEnd, drainNanos,
                List.copyOf(samples), sinceSendCalled, sinceScheduled, peakHeap, retainedHeap);
    }
}
