package dev.sluice.samples.experiment;

import dev.sluice.SendTimeoutResult;
import dev.sluice.Sender;
import java.time.Duration;

/**
 * One producer thread of the experiment: sends {@link Stamp}s at its pace until the run ends,
 * timing every {@code send}.
 *
 * <p><b>Blocked time</b> is measured per call: the producer reads {@link System#nanoTime()} just
 * before and just after each send; a call that took longer than the threshold counts, whole, as
 * blocked (it found the buffer full, or no receiver waiting, and had to wait). Calls under the
 * threshold are the fast path. This measures what a caller feels, whatever the cause (parking,
 * spinning, or being descheduled inside {@code send} on a busy machine); {@code ThreadMXBean}'s
 * waited time was not used because it also counts the pacer's parks and needs contention
 * monitoring switched on.
 *
 * <p>The sampler thread reads {@link #isBlocked(long)} while the producer runs: it sees the start
 * instant of the send in progress ({@code sendingSince}, volatile, {@link #IDLE} between sends).
 * The totals are plain fields written only by the producer and read after its thread was joined.
 *
 * <p>Sends use {@code sendTimeout} with the time left until the end of the run, so no producer
 * waits past the end: a send still blocked then gives up, is not counted as sent, and is counted
 * as abandoned (at most one per producer).
 */
final class Producer {

    /** {@code sendingSince} between sends. A {@code nanoTime} reading equal to it is ignored. */
    static final long IDLE = Long.MIN_VALUE;

    private final Sender<Stamp> sender;
    private final double rate;
    private final RunClock clock;
    private final long blockedThresholdNanos;

    /** {@code nanoTime} when the send in progress was called, or {@link #IDLE}. */
    private volatile long sendingSince = IDLE;

    // Written by the producer thread only; read after join().
    long sent;
    long abandoned;
    long sendNanos;
    long blockedNanos;
    long blockedSends;
    long activeNanos;                   // from the start of the run to this producer's last send

    Producer(Sender<Stamp> sender, double rate, RunClock clock, long blockedThresholdNanos) {
        this.sender = sender;
        this.rate = rate;
        this.clock = clock;
        this.blockedThresholdNanos = blockedThresholdNanos;
    }

    /** The producer thread's body. Closes its sender when done. */
    void run() throws InterruptedException {
        try (sender) {
            clock.arriveAndAwaitStart();
            long start = clock.start();
            long end = clock.end();
            Pacer pacer = new Pacer(rate, start);
            Pacer.awaitInstant(start);
            while (pacer.peekSlot() - end < 0) {
                long scheduledAt = pacer.nextSlot();
                long calledAt = System.nanoTime();
                if (calledAt - end >= 0) {
                    break;                                      // so far behind that the run is over
                }
                sendingSince = calledAt;
                SendTimeoutResult result = sender.sendTimeout(
                        new Stamp(scheduledAt, calledAt), Duration.ofNanos(end - calledAt));
                long returnedAt = System.nanoTime();
                sendingSince = IDLE;

                long took = returnedAt - calledAt;
                sendNanos += took;
                if (took > blockedThresholdNanos) {
                    blockedNanos += took;
                    blockedSends++;
                }
                if (result == SendTimeoutResult.OK) {
                    sent++;
                } else {
                    if (result == SendTimeoutResult.TIMEOUT) {
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
