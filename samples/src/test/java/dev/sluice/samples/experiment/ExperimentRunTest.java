package dev.sluice.samples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Short runs of the backpressure experiment, checked against the invariants of its report, never
 * against timings: every message sent is received once, a bounded channel never holds more than
 * its capacity, a rendezvous holds nothing, every received message has its latencies recorded,
 * and the chart is a readable PNG. Sized to take about a third of a second each on 2 cores.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExperimentRunTest {

    private static final Duration RUN = Duration.ofMillis(300);

    @ParameterizedTest
    @ValueSource(strings = {"bounded:1", "bounded:4", "unbounded"})
    void slow_consumer_every_message_sent_is_received_once_within_capacity(String flavor, @TempDir Path dir)
            throws Exception {
        // Offered 2 x 2000 msg/s against a consumer of 1000 msg/s: the channel fills up.
        ExperimentReport report = ExperimentRun.run(settings(2, 2000, 1, 1000, flavor));
        assertInvariants(report);
        writeAndCheckChart(report, dir.resolve("chart.png"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bounded:16", "unbounded"})
    void unpaced_producers_and_consumers_every_message_sent_is_received_once(String flavor) throws Exception {
        ExperimentReport report = ExperimentRun.run(settings(2, 0, 2, 0, flavor));
        assertInvariants(report);
    }

    /**
     * Both runs above on a rendezvous. This test found a lost-message race in ZeroFlavor (a
     * receiver read a selected sender's packet after the sender had already reused its waiter);
     * it guards the fix.
     */
    @Test
    void rendezvous_every_message_sent_is_received_once(@TempDir Path dir) throws Exception {
        ExperimentReport slowConsumer = ExperimentRun.run(settings(2, 2000, 1, 1000, "rendezvous"));
        assertInvariants(slowConsumer);
        assertTrue(slowConsumer.samples().stream().allMatch(sample -> sample.depth() == 0), "a rendezvous buffers nothing");
        writeAndCheckChart(slowConsumer, dir.resolve("chart.png"));
        assertInvariants(ExperimentRun.run(settings(2, 0, 2, 0, "rendezvous")));
    }

    @Test
    void summary_names_every_measure() throws Exception {
        ExperimentReport report = ExperimentRun.run(settings(1, 1000, 1, 0, "bounded:8"));
        String summary = String.join("\n", report.summary());
        for (String measure : new String[] {"bounded(8) channel", "sent", "received", "producer blocked",
                "queue depth", "latency, send() called -> received", "p50", "p99.9", "max"}) {
            assertTrue(summary.contains(measure), () -> "no '" + measure + "' in\n" + summary);
        }
    }

    static ExperimentSettings settings(int producers, double producerRate, int consumers, double consumerRate,
            String flavor) {
        return new ExperimentSettings(producers, producerRate, consumers, consumerRate,
                ChannelFlavor.parse(flavor), RUN, Duration.ofMillis(5), Duration.ofNanos(20_000));
    }

    static void assertInvariants(ExperimentReport report) {
        ChannelFlavor flavor = report.settings().flavor();
        assertTrue(report.sent() > 0, () -> "nothing was sent:\n" + String.join("\n", report.summary()));
        assertEquals(report.sent(), report.received(), "received == sent");
        assertTrue(report.receivedDuringRun() <= report.received());
        assertEquals(report.received(), report.sinceSendCalled().getTotalCount(), "one latency per message");
        assertEquals(report.received(), report.sinceScheduled().getTotalCount(), "one latency per message");
        assertTrue(report.abandoned() <= report.settings().producers(), "at most one abandoned send per producer");
        assertTrue(report.blockedNanos() <= report.sendNanos(), "blocked time is part of the time in send");
        assertTrue(report.sendNanos() <= report.producerNanos(), "time in send is part of the producers' time");
        assertTrue(report.blockedFraction() >= 0 && report.blockedFraction() <= 1);
        assertTrue(!report.samples().isEmpty(), "the sampler took no sample");
        long previous = Long.MIN_VALUE;
        for (DepthSample sample : report.samples()) {
            assertTrue(sample.atNanos() > previous, "samples in time order");
            previous = sample.atNanos();
            assertTrue(sample.depth() >= 0, () -> "negative depth " + sample);
            if (!flavor.isUnbounded()) {
                assertTrue(sample.depth() <= flavor.capacity(), () -> "depth over capacity: " + sample);
            }
            assertTrue(sample.blockedProducers() >= 0 && sample.blockedProducers() <= report.settings().producers(),
                    () -> "blocked producers out of range: " + sample);
        }
        if (!flavor.isUnbounded()) {
            assertTrue(report.maxDepth() <= flavor.capacity());
            assertTrue(report.depthAtEnd() <= flavor.capacity());
        }
    }

    static void writeAndCheckChart(ExperimentReport report, Path png) throws Exception {
        BackpressureChart.write(report, png);
        assertTrue(Files.size(png) > 0, "empty chart file");
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "not a readable image");
        assertEquals(BackpressureChart.WIDTH, image.getWidth());
        assertEquals(3 * BackpressureChart.PANEL_HEIGHT, image.getHeight());
    }
}
