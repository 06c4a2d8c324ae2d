package dev.sluice.samples.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * DemoSettings: the live demo's knobs, bound from {@code sluice.demo.*} (application arguments
 * such as {@code --sluice.demo.capacity=4}, or environment variables such as
 * {@code SLUICE_DEMO_CAPACITY=4}).
 *
 * @param producers      producer threads per stream
 * @param capacity       the bounded channel's capacity per stream: the most messages waiting
 *                       between the producers and the subscriber
 * @param readIntervalMs how long one simulated blocking read takes, on average (each read is
 *                       0.5 to 1.5 times this)
 * @param delayMs        the consumer's default pause per message, when {@code /stream} is
 *                       opened without {@code ?delayMs=}
 * @param maxDelayMs     the largest pause a client may ask for
 * @param maxStreams     how many streams may be open at once (each holds {@code producers}
 *                       threads); more are answered {@code 503}
 */
@ConfigurationProperties("sluice.demo")
record DemoSettings(
        @DefaultValue("3") int producers,
        @DefaultValue("8") int capacity,
        @DefaultValue("100") long readIntervalMs,
        @DefaultValue("250") long delayMs,
        @DefaultValue("2000") long maxDelayMs,
        @DefaultValue("16") int maxStreams) {

    DemoSettings {
        if (producers < 1 || capacity < 1 || readIntervalMs < 1 || delayMs < 0 || maxDelayMs < delayMs || maxStreams < 1) {
            throw new IllegalArgumentException("invalid sluice.demo settings: producers, capacity, readIntervalMs and"
                    + " maxStreams must be >= 1, and 0 <= delayMs <= maxDelayMs; got " + this);
        }
    }
}
