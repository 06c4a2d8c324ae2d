package dev.sluice.samples.experiment;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.samples.JoinHandle;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * Runs one backpressure experiment: wires producers, consumers and the sampler to a channel,
 * lets them run for the configured duration, drains, and collects an {@link ExperimentReport}.
 *
 * <p>Timeline (all instants from {@link System#nanoTime()}):
 * <pre>
 *   start = now + 20 ms          fixed once every thread is running (RunClock); every
 *                                thread waits for it, so all begin together
 *   start .. end                 producers send at their rate; consumers receive at theirs;
 *                                the sampler reads len() every interval
 *   end                          producers stop (a send still blocked gives up) and close
 *                                their senders; consumers drain the backlog at full speed
 *   disconnection                consumers see it and stop; the sampler is stopped
 * </pre>
 *
 * <p>Handles: each producer gets a cloned sender and each consumer a cloned receiver; the first
 * sender is closed at once (so the channel disconnects when the last producer ends), and the first
 * receiver stays open until the end as the sampler's probe. Should a thread fail, closing that
 * receiver in {@code finally} is not enough to strand anyone: producers never wait past
 * {@code end}, and consumers end when the producers have closed their senders.
 *
 * <p>Invariants the report can be checked against: every message sent is received exactly once
 * ({@code received == sent}); a bounded channel's sampled depth never exceeds its capacity; a
 * rendezvous always reports depth 0.
 */
public final class ExperimentRun {

    private static final long START_DELAY_NANOS = 20_000_000;
    private static final long READY_TIMEOUT_SECONDS = 30;

    private ExperimentRun() {
    }

    /**
     * Runs the experiment described by {@code settings} and returns its report. Takes about
     * {@code settings.duration()} plus the drain of what is left in the channel at the end.
     *
     * @throws Exception whatever a producer, consumer or the sampler threw
     */
    @SuppressWarnings("try")    // firstSender is closed early on purpose; the try block is the safety net
    public static ExperimentReport run(ExperimentSettings settings) throws Exception {
        Channel<Stamp> channel = settings.flavor().open();
        RunClock clock = new RunClock(settings.producers() + settings.consumers() + 1);
        long threshold = settings.blockedThreshold().toNanos();

        List<Producer> producers = new ArrayList<>();
        List<Consumer> consumers = new ArrayList<>();
        try (Sender<Stamp> firstSender = channel.sender();
             Receiver<Stamp> probe = channel.receiver()) {
            for (int i = 0; i < settings.producers(); i++) {
                producers.add(new Producer(firstSender.clone(), settings.producerRate(), clock, threshold));
            }
            for (int i = 0; i < settings.consumers(); i++) {
                consumers.add(new Consumer(probe.clone(), settings.consumerRate(), clock));
            }
            firstSender.close();                                // only the producers' clones remain
            Sampler sampler = new Sampler(probe, producers, clock, settings.sampleInterval().toNanos());

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
                long producersDone = System.nanoTime();
                int depthAtEnd = probe.len();
                for (JoinHandle consumer : consumerThreads) {
                    consumer.join();
                }
                long consumersDone = System.nanoTime();
                sampler.stop();
                samplerThread.join();

                return report(settings, producers, consumers, sampler.samples,
                        depthAtEnd, Math.max(0, consumersDone - Math.max(producersDone, clock.end())));
            } finally {
                clock.cancelIfNotStarted();
                sampler.stop();
            }
        }
    }

    private static ExperimentReport report(ExperimentSettings settings, List<Producer> producers,
            List<Consumer> consumers, List<DepthSample> samples, int depthAtEnd, long drainNanos) {
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
            received += c.received;
            receivedDuringRun += c.receivedDuringRun;
            sinceSendCalled.add(c.sinceSendCalled);
            sinceScheduled.add(c.sinceScheduled);
        }
        return new ExperimentReport(settings, sent, received, receivedDuringRun, abandoned,
                producerNanos, sendNanos, blockedNanos, blockedSends, depthAtEnd, drainNanos,
                List.copyOf(samples), sinceSendCalled, sinceScheduled);
    }
}
