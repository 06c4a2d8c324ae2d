package dev.sluice.samples.experiment;

import java.time.Duration;
import java.util.Objects;

/**
 * The parameters of one backpressure run.
 *
 * <pre>{@code
 * ExperimentSettings settings = new ExperimentSettings(
 *         2, 5_000,                      // 2 producers, 5000 msg/s each
 *         1, 8_000,                      // 1 consumer, 8000 msg/s at most
 *         ChannelFlavor.parse("bounded:64"),
 *         Duration.ofSeconds(3),
 *         Duration.ofMillis(5),          // sample len() every 5 ms
 *         Duration.ofNanos(20_000));     // a send longer than 20 µs counts as blocked
 * }</pre>
 *
 * @param producers        producer threads, each with its own cloned sender ({@code >= 1})
 * @param producerRate     messages per second per producer; {@code 0} = as fast as possible
 * @param consumers        consumer threads, each with its own cloned receiver ({@code >= 1})
 * @param consumerRate     messages per second per consumer at most (a service time of
 *                         {@code 1 / rate} per message); {@code 0} = as fast as possible
 * @param flavor           the channel: rendezvous, bounded(N) or unbounded
 * @param duration         how long the producers produce; the consumers then drain what is left
 * @param sampleInterval   how often the sampler thread reads {@code len()} and producer states
 * @param blockedThreshold a {@code send} that takes longer than this counts as blocked; shorter
 *                         ones are the fast path (a free slot, a waiting receiver)
 */
public record ExperimentSettings(
        int producers,
        double producerRate,
        int consumers,
        double consumerRate,
        ChannelFlavor flavor,
        Duration duration,
        Duration sampleInterval,
        Duration blockedThreshold) {

    public ExperimentSettings {
        Objects.requireNonNull(flavor, "flavor");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(sampleInterval, "sampleInterval");
        Objects.requireNonNull(blockedThreshold, "blockedThreshold");
        if (producers < 1 || consumers < 1) {
            throw new IllegalArgumentException("need at least one producer and one consumer");
        }
        if (!(producerRate >= 0) || !(consumerRate >= 0) || Double.isInfinite(producerRate)
                || Double.isInfinite(consumerRate)) {
            throw new IllegalArgumentException("rates must be finite and >= 0 (0 = as fast as possible)");
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("sample interval must be positive, was " + sampleInterval);
        }
        if (blockedThreshold.isNegative()) {
            throw new IllegalArgumentException("blocked threshold must be >= 0, was " + blockedThreshold);
        }
    }

    /** "2 producers at 5000 msg/s each" or "... as fast as possible". */
    String describeProducers() {
        return producers + (producers == 1 ? " producer" : " producers") + " at " + rate(producerRate)
                + (producers == 1 || producerRate == 0 ? "" : " each");
    }

    /** "1 consumer at 8000 msg/s at most" or "... as fast as possible". */
    String describeConsumers() {
        return consumers + (consumers == 1 ? " consumer" : " consumers") + " at "
                + (consumerRate == 0 ? rate(0) : rate(consumerRate) + " at most")
                + (consumers == 1 || consumerRate == 0 ? "" : " each");
    }

    private static String rate(double perSecond) {
        if (perSecond == 0) {
            return "full speed";
        }
        return (perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond))
                + " msg/s";
    }
}
