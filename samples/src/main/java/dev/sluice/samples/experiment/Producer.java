package dev.sluice.samples.experiment;

import java.util.function.LongFunction;

/**
 * One producer thread of the experiment: sends {@link Stamp}s on its {@link ProducerSchedule}
 * until the run ends, timing every send.
 *
 * <p><b>Blocked time</b> is measured per call: the producer reads {@link System#nanoTime()} just
 * before and just after each send; a call that took longer than the threshold counts, whole, as
 * blocked (it found the buffer full, or no receiver waiting, and had to wait). Calls under the
 * threshold are the fast path. This measures what a caller feels, whatever the cause (parking,
 * spinning, or being descheduled inside {@code send} on a busy machine); {@code ThreadMXBean}'s
 * waited time was not used because it also counts the schedule's parks.
 *
 * <p>The sampler thread reads {@link #isBlocked(long)} while the producer runs: it sees the start
 * instant of the send in progress ({@code sendingSince}, volatile, {@link #IDLE} between sends).
 * The totals are plain fields written only by the producer and read after its thread was joined;
 * {@code sent} is also added to the run's live {@link RunCounters}.
 *
 * <p>Sends wait at most until the end of the run, so no producer waits past it: a send still
 * blocked then gives up, is not counted as sent, and is counted as abandoned (at most one per
 * producer). A send the design refuses counts as sent and dropped, so that
 * {@code received + dropped == sent} holds for every design.
 */
final class Producer {

    /** {@code sendingSince} between sends. A {@code nanoTime} reading equal to it is ignored. */
    static final long IDLE = Long.MIN_VALUE;

    private final Pipe.Inlet inlet;
    private final RunClock clock;
    private final RunCounters counters;
    private final long blockedThresholdNanos;
    private final LongFunction<ProducerSchedule> scheduleAt;

    /** {@code nanoTime} when the send in progress was called, or {@link #IDLE}. */
    private volatile long sendingSince = IDLE;

    // Written by the producer thread only; read after join().
    long sent;
    long abandoned;
    long rejected;
    long sendNanos;
    long blockedNanos;
    long blockedSends;
    long activeNanos;                   // from the start of the run to this producer's last send

    /**
     * @param scheduleAt makes the producer's schedule once the start instant is known
     */
    Producer(Pipe.Inlet inlet, RunClock clock, RunCounters counters, long blockedThresholdNanos,
            LongFunction<ProducerSchedule> scheduleAt) {
        this.inlet = inlet;
        this.clock = clock;
        this.counters = counters;
        this.blockedThresholdNanos = blockedThresholdNanos;
        this.scheduleAt = scheduleAt;
    }

    /** The producer thread's body. Closes its inlet when done. */
    void run() throws InterruptedException {
        try (inlet) {
            clock.arriveAndAwaitStart();
            long start = clock.start();
            long end = clock.end();
            ProducerSchedule schedule = scheduleAt.apply(start);
            Pacer.awaitInstant(start);
            while (schedule.peek() - end < 0) {
                long scheduledAt = schedule.next();
                long calledAt = System.nanoTime();
                if (calledAt - end >= 0) {
                    break;                                      // so far behind that the run is over
                }
                sendingSince = calledAt;
                Pipe.Outcome outcome = inlet.send(new Stamp(scheduledAt, calledAt), end - calledAt);
                long returnedAt = System.nanoTime();
                sendingSince = IDLE;

                long took = returnedAt - calledAt;
                sendNanos += took;
                if (took > blockedThresholdNanos) {
                    blockedNanos += took;
                    blockedSends++;
                }
                if (outcome == Pipe.Outcome.SENT) {
                    sent++;
                    counters.sent.increment();
                } else if (outcome == Pipe.Outcome.REJECTED) {
                    sent++;                                     // handed over, and dropped at once
                    rejected++;
                    counters.sent.increment();
                    counters.dropped.increment();
                } else {
                    if (outcome == Pipe.Outcome.TIMEOUT) {
                        abandoned++;                            // still blocked when the run ended
                    }
                    break;                                      // TIMEOUT at the end, or DISCONNECTED
                }
            }
            activeNanos = System.nanoTime() - start;
        }
    }

    /** {@code true} if, at {@code now}, this producer has been inside one send for over the threshold. */
    boolean isBlocked(long now) {
        long since = sendingSince;
        return since != IDLE && now - since > blockedThresholdNanos;
    }
}
