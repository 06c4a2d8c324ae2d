package dev.sluice.samples.experiment;

import java.time.Duration;
import java.util.Objects;

/**
 * The parameters of one run: a design, a consumer, and the load.
 *
 * <pre>{@code
 * ExperimentSettings settings = new ExperimentSettings(
 *         new SluiceDesign(ChannelFlavor.bounded(64), Overflow.BLOCK),
 *         ConsumerSpec.thread(),
 *         2, 5_000,                      // 2 producers, 5000 msg/s each
 *         1, 8_000,                      // 1 consumer, 8000 msg/s at most
 *         LoadShape.CONSTANT,
 *         Duration.ofSeconds(3),
 *         Duration.ofMillis(5),          // sample every 5 ms
 *         Duration.ofNanos(20_000));     // a send longer than 20 µs counts as blocked
 * }</pre>
 *
 * @param design           what is measured: a Sluice channel or a baseline
 * @param consumer         a blocking thread or a Flux subscriber
 * @param producers        producer threads, each with its own sender ({@code >= 1})
 * @param producerRate     messages per second per producer; {@code 0} = as fast as possible (the
 *                         command line spells it {@code max}, and rejects a literal 0)
 * @param consumers        consumers, each with its own receiver or subscription ({@code >= 1})
 * @param consumerRate     messages per second per consumer at most; {@code 0} = as fast as possible
 * @param load             arrivals, stall, burst, seed
 * @param duration         how long the producers produce; the consumers then drain what is left
 * @param sampleInterval   how often the sampler reads the depth, the producers and the heap
 * @param blockedThreshold a send that takes longer than this counts as blocked
 */
public record ExperimentSettings(
        Design design,
        ConsumerSpec consumer,
        int producers,
        double producerRate,
        int consumers,
        double consumerRate,
        LoadShape load,
        Duration duration,
        Duration sampleInterval,
        Duration blockedThreshold) {

    public ExperimentSettings {
        Objects.requireNonNull(design, "design");
        Objects.requireNonNull(consumer, "consumer");
        Objects.requireNonNull(load, "load");
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
        if (design instanceof BaselineDesign) {
            Baseline baseline = ((BaselineDesign) design).baseline();
            if (consumer.kind() != baseline.consumer()) {
                throw new IllegalArgumentException(baseline + " is read by a " + baseline.consumer() + " consumer");
            }
            if (baseline.consumer() == ConsumerKind.FLUX && consumers != 1) {
                throw new IllegalArgumentException(baseline + " has a single subscriber: use --consumers 1");
            }
        }
        load.checkFits(duration);
    }

    /** "2 producers at 5000 msg/s each" or "... at full speed". */
    String describeProducers() {
        return producers + (producers == 1 ? " producer" : " producers") + " at " + rate(producerRate)
                + (producers == 1 || producerRate == 0 ? "" : " each");
    }

    /** "1 consumer at 8000 msg/s at most" or "... at full speed". */
    String describeConsumers() {
        return consumers + " " + consumer + (consumers == 1 ? " consumer" : " consumers")
                + " at " + (consumerRate == 0 ? rate(0) : rate(consumerRate) + " at most")
                + (consumers == 1 || consumerRate == 0 ? "" : " each");
    }

    /** "5000 msg/s", "full speed". */
    static String rate(double perSecond) {
        if (perSecond == 0) {
            return "full speed";
        }
        return formatRate(perSecond) + " msg/s";
    }

    /** "5000", "250.5", "max". */
    static String formatRate(double perSecond) {
        if (perSecond == 0) {
            return "max";
        }
        return perSecond == Math.rint(perSecond) ? String.valueOf((long) perSecond) : String.valueOf(perSecond);
    }
}
