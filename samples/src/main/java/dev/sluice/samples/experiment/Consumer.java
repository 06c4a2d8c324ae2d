package dev.sluice.samples.experiment;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import org.HdrHistogram.Histogram;

/**
 * One consumer thread of the experiment: receives until the channel is disconnected, recording
 * each message's latency, and receives at most {@code rate} messages per second during the run
 * (a {@link Pacer} rate cap before each {@code recv}).
 *
 * <p>Two latencies per message, both ending when {@code recv} returned it: from the
 * {@code send} call ({@link Stamp#sendCalledAt()}: time spent in the channel) and from the
 * producer's schedule ({@link Stamp#scheduledAt()}: also the time the producer was held back).
 * The histograms auto-resize and are written only by this thread; read them after join.
 *
 * <p>Once the run's duration is over, the consumer stops pacing and drains the backlog at full
 * speed, so the run ends promptly even with a long queue; those messages still count, and their
 * latencies include the wait in the queue.
 */
final class Consumer {

    private final Receiver<Stamp> receiver;
    private final double rate;
    private final RunClock clock;

    final Histogram sinceSendCalled = new Histogram(3);
    final Histogram sinceScheduled = new Histogram(3);

    // Written by the consumer thread only; read after join().
    long received;
    long receivedDuringRun;

    Consumer(Receiver<Stamp> receiver, double rate, RunClock clock) {
        this.receiver = receiver;
        this.rate = rate;
        this.clock = clock;
    }

    /** The consumer thread's body. Closes its receiver when done. */
    void run() throws InterruptedException {
        try (receiver) {
            clock.arriveAndAwaitStart();
            long start = clock.start();
            long end = clock.end();
            Pacer pacer = new Pacer(rate, start);
            Pacer.awaitInstant(start);
            for (;;) {
                if (System.nanoTime() - end < 0) {
                    pacer.nextSlotWithoutCatchUp();             // the rate cap, during the run only
                }
                Stamp stamp;
                try {
                    stamp = receiver.recv();
                } catch (DisconnectedException e) {
                    return;                                     // every producer closed its sender
                }
                long receivedAt = System.nanoTime();
                if (stamp == null) {                            // never legal: messages are non-null
                    throw new IllegalStateException("recv() returned null on a " + receiver
                            + ": a message was lost in the channel");
                }
                sinceSendCalled.recordValue(Math.max(0, receivedAt - stamp.sendCalledAt()));
                sinceScheduled.recordValue(Math.max(0, receivedAt - stamp.scheduledAt()));
                received++;
                if (receivedAt - end < 0) {
                    receivedDuringRun++;
                }
            }
        }
    }
}
