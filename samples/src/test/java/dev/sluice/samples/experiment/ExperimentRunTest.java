package dev.sluice.samples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Short runs of every design and consumer, checked against the invariants of the report, never
 * against timings: every message sent is received once and none is lost, a bounded design never
 * holds more than its capacity, a rendezvous holds nothing, every received message has its
 * latencies; and the load shapes do what they say (a stall grows an unbounded buffer, a burst
 * adds its messages, a faster consumer leaves the producers unblocked). About 0.3 s per run.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ExperimentRunTest {

    private static final Duration RUN = Duration.ofMillis(300);

    static Stream<Arguments> designs() {
        ConsumerSpec thread = ConsumerSpec.thread();
        ConsumerSpec flux = ConsumerSpec.flux(4, false);
        return Stream.of(
                Arguments.of(sluice("bounded:1"), thread),
                Arguments.of(sluice("bounded:4"), thread),
                Arguments.of(sluice("unbounded"), thread),
                Arguments.of(sluice("rendezvous"), thread),
                Arguments.of(sluice("bounded:4"), flux),
                Arguments.of(sluice("bounded:4"), ConsumerSpec.flux(2, true)),
                Arguments.of(sluice("rendezvous"), flux),
                Arguments.of(sluice("unbounded"), flux),
                Arguments.of(new BaselineDesign(Baseline.JDK_ABQ, 4), thread),
                Arguments.of(BaselineDesign.unbounded(Baseline.REACTOR_UNBOUNDED), flux),
                Arguments.of(BaselineDesign.unbounded(Baseline.REACTOR_CREATE_BUFFER), flux));
    }

    @ParameterizedTest(name = "{0} / {1}")
    @MethodSource("designs")
    void slow_consumer_every_message_sent_is_received_once_within_capacity(Design design, ConsumerSpec consumer)
            throws Exception {
        // Offered 2 x 2000 msg/s against a consumer of 1000 msg/s: the design fills up.
        ExperimentReport report = ExperimentRun.run(settings(design, consumer, 2, 2000, 1, 1000, LoadShape.CONSTANT));
        assertInvariants(report);
    }

    // --overflow: against a slower consumer a dropping channel drops; every message sent is
    // received once or dropped (counted through the discard hook), never lost
    @Test
    void dropping_policies_account_for_every_message_and_never_block() throws Exception {
        for (Overflow overflow : List.of(Overflow.DROP_NEWEST, Overflow.DROP_OLDEST, Overflow.CONFLATE)) {
            SluiceDesign design = new SluiceDesign(ChannelFlavor.parse("bounded:4"), overflow);
            ExperimentReport report = ExperimentRun.run(settings(design, ConsumerSpec.thread(), 2, 2000, 1, 500,
                    LoadShape.CONSTANT));
            assertInvariants(report);
            assertTrue(report.dropped() > 0, () -> overflow + " dropped nothing against a slower consumer\n" + summary(report));
        }
    }

    @Test
    void unpaced_producers_and_competing_consumers_every_message_sent_is_received_once() throws Exception {
        for (Design design : List.of(sluice("bounded:16"), sluice("unbounded"), sluice("rendezvous"),
                new BaselineDesign(Baseline.JDK_ABQ, 16))) {
            assertInvariants(ExperimentRun.run(settings(design, ConsumerSpec.thread(), 2, 0, 2, 0, LoadShape.CONSTANT)));
        }
        assertInvariants(ExperimentRun.run(settings(sluice("bounded:16"), ConsumerSpec.flux(8, false), 2, 0, 2, 0,
                LoadShape.CONSTANT)));
    }

    @Test
    void a_faster_consumer_leaves_the_producers_almost_never_blocked() throws Exception {
        // 1 producer at 500 msg/s, a consumer at full speed, room for 64: a send never has to wait.
        // The bound is generous: a send descheduled on a busy machine may count as blocked.
        ExperimentReport report = ExperimentRun.run(settings(sluice("bounded:64"), ConsumerSpec.thread(), 1, 500, 1, 0,
                LoadShape.CONSTANT));
        assertInvariants(report);
        assertTrue(report.blockedFraction() < 0.2, () -> "blocked " + report.blockedFraction() + "\n" + summary(report));
    }

    @Test
    void a_stall_grows_the_unbounded_baseline_and_stops_at_capacity_for_bounded() throws Exception {
        LoadShape stall = new LoadShape(Arrivals.CONSTANT,
                Optional.of(new Stall(Duration.ofMillis(150), Duration.ofMillis(100))), Optional.empty(), 1);
        ExperimentReport unbounded = ExperimentRun.run(settings(BaselineDesign.unbounded(Baseline.REACTOR_UNBOUNDED),
                ConsumerSpec.flux(16, false), 2, 2000, 1, 0, stall));
        assertInvariants(unbounded);
        List<DepthSample> during = inStall(unbounded);
        assertTrue(during.size() >= 2, "samples during the stall");
        assertTrue(during.get(during.size() - 1).depth() > during.get(0).depth(),
                () -> "the buffer did not grow during the stall: " + during);

        ExperimentReport bounded = ExperimentRun.run(settings(sluice("bounded:8"), ConsumerSpec.flux(4, false), 2, 2000, 1, 0,
                stall));
        assertInvariants(bounded);
        assertTrue(inStall(bounded).stream().anyMatch(s -> s.blockedProducers() > 0),
                () -> "no producer blocked during the stall:\n" + summary(bounded));
    }

    @Test
    void a_burst_adds_its_messages_and_poisson_arrivals_keep_the_invariants() throws Exception {
        LoadShape burst = new LoadShape(Arrivals.POISSON, Optional.empty(),
                Optional.of(new Burst(1000, Duration.ofMillis(100))), 7);
        ExperimentReport report = ExperimentRun.run(settings(sluice("unbounded"), ConsumerSpec.thread(), 2, 500, 1, 0,
                burst));
        assertInvariants(report);
        assertTrue(report.sent() >= 1000, () -> "the burst's 1000 messages were not all sent\n" + summary(report));
    }

    @Test
    void summary_names_every_measure() throws Exception {
        ExperimentReport report = ExperimentRun.run(settings(sluice("bounded:8"), ConsumerSpec.thread(), 1, 1000, 1, 0,
                LoadShape.CONSTANT));
        String summary = summary(report);
        for (String measure : new String[] {"sluice bounded(8)", "sent", "received", "dropped, lost", "producer blocked",
                "depth", "in flight", "latency, send() called -> received", "p50", "p99.9", "max", "heap", "retained"}) {
            assertTrue(summary.contains(measure), () -> "no '" + measure + "' in\n" + summary);
        }
    }

    static SluiceDesign sluice(String flavor) {
        return new SluiceDesign(ChannelFlavor.parse(flavor), Overflow.BLOCK);
    }

    static ExperimentSettings settings(Design design, ConsumerSpec consumer, int producers, double producerRate,
            int consumers, double consumerRate, LoadShape load) {
        return new ExperimentSettings(design, consumer, producers, producerRate, consumers, consumerRate, load, RUN,
                Duration.ofMillis(5), Duration.ofNanos(20_000));
    }

    private static List<DepthSample> inStall(ExperimentReport report) {
        Stall stall = report.settings().load().stall().orElseThrow();
        long from = stall.at().toNanos();
        long until = from + stall.length().toNanos();
        return report.samples().stream().filter(s -> s.atNanos() >= from && s.atNanos() < until).toList();
    }

    static String summary(ExperimentReport report) {
        return String.join("\n", report.summary());
    }

    static void assertInvariants(ExperimentReport report) {
        Design design = report.settings().design();
        assertTrue(report.sent() > 0, () -> "nothing was sent:\n" + summary(report));
        if (design.neverDrops()) {
            assertEquals(0, report.dropped(), "a blocking design drops nothing");
        }
        assertEquals(report.sent(), report.received() + report.dropped(), () -> "received + dropped == sent\n" + summary(report));
        assertEquals(0, report.lost(), "nothing lost");
        assertTrue(report.receivedDuringRun() <= report.received());
        assertEquals(report.received(), report.sinceSendCalled().getTotalCount(), "one latency per message");
        assertEquals(report.received(), report.sinceScheduled().getTotalCount(), "one latency per message");
        assertTrue(report.abandoned() <= report.settings().producers(), "at most one abandoned send per producer");
        assertTrue(report.blockedNanos() <= report.sendNanos(), "blocked time is part of the time in send");
        assertTrue(report.sendNanos() <= report.producerNanos(), "time in send is part of the producers' time");
        assertTrue(report.blockedFraction() >= 0 && report.blockedFraction() <= 1);
        assertTrue(report.peakHeapBytes() >= 0 && report.retainedHeapBytes() >= 0);
        assertTrue(!report.samples().isEmpty(), "the sampler took no sample");
        long previous = Long.MIN_VALUE;
        for (DepthSample sample : report.samples()) {
            assertTrue(sample.atNanos() > previous, "samples in time order");
            previous = sample.atNanos();
            assertTrue(sample.depth() >= 0 && sample.inFlight() >= 0, () -> "negative depth " + sample);
            if (design.capacity().isPresent()) {
                // A queue's size() may count the end marker once the run is over.
                int slack = design instanceof BaselineDesign ? report.settings().consumers() : 0;
                assertTrue(sample.depth() <= design.capacity().getAsInt() + slack, () -> "depth over capacity: " + sample);
            }
            if (design.capacity().isPresent() && design.capacity().getAsInt() == 0) {
                assertEquals(0, sample.depth(), "a rendezvous buffers nothing");
            }
            assertTrue(sample.blockedProducers() >= 0 && sample.blockedProducers() <= report.settings().producers(),
                    () -> "blocked producers out of range: " + sample);
        }
        if (design.capacity().isPresent()) {
            assertTrue(report.depthAtEnd() <= design.capacity().getAsInt());
        }
    }
}
