package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The anchors (Disruptor, JCTools, Exchanger) and the oversubscribed cells move every message
 * exactly once in every whole-run cell they claim, and refuse the thread counts they are not
 * correct for. No timing is asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AnchorsHarnessTest {
    private static final int MESSAGES = 20_000;

    static Stream<Arguments> anchorCells() {
        List<Arguments> cells = new ArrayList<>();
        List<String> impls = new ArrayList<>(Pipes.ANCHORS);
        impls.add(Pipes.EXCHANGER);
        List<Scenario> scenarios = new ArrayList<>(Scenario.ALL);
        scenarios.addAll(Scenario.OVERSUBSCRIBED);
        for (String impl : impls) {
            for (Scenario scenario : scenarios) {
                if (scenario.supports(impl)) {
                    cells.add(Arguments.of(impl, scenario.name()));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("anchorCells")
    void everyAnchorMovesEveryMessageOnceTwice(String impl, String scenario) throws Exception {
        Scenario s = Scenario.parse(scenario);
        int n = s.slow() ? MESSAGES / 10 : MESSAGES;
        Integer[] boxed = Messages.boxed(n);
        WholeRunChild.runOnce(impl, s, boxed, n);          // throws on a lost or duplicated message
        WholeRunChild.runOnce(impl, s, boxed, n);
    }

    static Stream<Arguments> oversubscribedCells() {
        List<Arguments> cells = new ArrayList<>();
        List<String> impls = new ArrayList<>(List.of(Pipes.SLUICE));
        impls.addAll(Scenario.JDK_QUEUES);
        if (Pipes.joxAvailable()) {
            impls.add(Pipes.JOX);
        }
        for (String impl : impls) {
            for (Scenario scenario : Scenario.OVERSUBSCRIBED) {
                if (scenario.supports(impl)) {
                    cells.add(Arguments.of(impl, scenario.name()));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("oversubscribedCells")
    void eightProducersAndEightConsumersMoveEveryMessageOnce(String impl, String scenario) throws Exception {
        Scenario s = Scenario.parse(scenario);
        int n = s.slow() ? MESSAGES / 10 : MESSAGES;
        WholeRunChild.runOnce(impl, s, Messages.boxed(n), n);
    }

    static Stream<Arguments> jmhCells() throws Exception {
        List<Arguments> cells = new ArrayList<>();
        for (String impl : Anchors1024.class.getField("impl").getAnnotation(org.openjdk.jmh.annotations.Param.class).value()) {
            cells.add(Arguments.of("spsc", impl));
        }
        for (String impl : Anchors1024Mpsc.class.getField("impl").getAnnotation(org.openjdk.jmh.annotations.Param.class).value()) {
            cells.add(Arguments.of("mpsc", impl));
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("jmhCells")
    void everyJmhAnchorCellMovesEveryMessageOnceInTwoRounds(String shape, String impl) throws Exception {
        ChannelShapes bench;
        if (shape.equals("spsc")) {
            Anchors1024 a = new Anchors1024();
            a.impl = impl;
            bench = a;
        } else {
            Anchors1024Mpsc a = new Anchors1024Mpsc();
            a.impl = impl;
            bench = a;
        }
        bench.useMessages(MESSAGES);
        bench.openPipe();
        try {
            for (int round = 0; round < 2; round++) {       // the crew and the pipe are reused
                if (bench instanceof Anchors1024 a) {
                    a.spsc();
                } else {
                    ((Anchors1024Mpsc) bench).mpsc();
                }
            }
        } finally {
            bench.closePipe();
        }
    }

    @Test
    void theOversubscribedShapeHasEightProducersAndEightConsumers() {
        for (Scenario s : Scenario.OVERSUBSCRIBED) {
            assertEquals(8, s.producers(), s.name());
            assertEquals(8, s.consumers(), s.name());
        }
        assertEquals(List.of("oversubscribed bounded(1024)", "oversubscribed unbounded", "oversubscribed rendezvous"),
                Scenario.OVERSUBSCRIBED.stream().map(Scenario::name).toList());
    }

    @Test
    void anchorsOnlyServeTheThreadCountsTheyAreCorrectFor() {
        Scenario spsc = Scenario.parse("spsc bounded(1024)");
        Scenario mpsc = Scenario.parse("mpsc bounded(1024)");
        Scenario mpmc = Scenario.parse("mpmc bounded(1024)");
        for (String singleProducer : List.of(Pipes.DISRUPTOR_SP_BLOCKING, Pipes.DISRUPTOR_SP_YIELDING, Pipes.JCTOOLS_SPSC_SPIN)) {
            assertTrue(spsc.supports(singleProducer), singleProducer);
            assertFalse(mpsc.supports(singleProducer), singleProducer);
            assertFalse(mpmc.supports(singleProducer), singleProducer);
        }
        for (String singleConsumer : List.of(Pipes.DISRUPTOR_MP_BLOCKING, Pipes.DISRUPTOR_MP_YIELDING,
                Pipes.JCTOOLS_MPSC_BLOCKING, Pipes.JCTOOLS_MPSC_SPIN)) {
            assertTrue(mpsc.supports(singleConsumer), singleConsumer);
            assertFalse(mpmc.supports(singleConsumer), singleConsumer);
        }
        assertTrue(mpmc.supports(Pipes.JCTOOLS_MPMC_SPIN));
        assertTrue(Scenario.parse("spsc rendezvous").supports(Pipes.EXCHANGER));
        assertFalse(Scenario.parse("mpsc rendezvous").supports(Pipes.EXCHANGER));
        for (String anchor : Pipes.ANCHORS) {
            assertThrows(IllegalArgumentException.class, () -> Pipes.open(anchor, 1), anchor);
            assertThrows(IllegalArgumentException.class, () -> Pipes.open(anchor, Pipes.UNBOUNDED), anchor);
        }
        assertThrows(IllegalArgumentException.class, () -> Pipes.open(Pipes.EXCHANGER, 1024));
    }

    @Test
    void theDisruptorRefusesACapacityThatIsNotAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> Pipes.open(Pipes.DISRUPTOR_SP_BLOCKING, 1000));
    }

    @Test
    void aDisruptorPipeKeepsItsPlaceAcrossRounds() throws Exception {
        try (Pipe pipe = Pipes.open(Pipes.DISRUPTOR_MP_BLOCKING, 16);
             Crew crew = new Crew("test", pipe, Messages.boxed(1000), 3, 0)) {
            for (int round = 0; round < 5; round++) {
                crew.startRound();
                assertEquals(1000L * 999 / 2, pipe.consume(1000));
            }
        }
    }
}
