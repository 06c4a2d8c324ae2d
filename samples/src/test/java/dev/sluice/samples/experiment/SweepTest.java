package dev.sluice.samples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How a sweep expands its axes into runs: every combination, in order, duplicates once. */
class SweepTest {

    private static Sweep sweep(List<String> flavors, List<Integer> capacities, List<Baseline> baselines,
            List<ConsumerKind> kinds, List<Integer> requests, List<Double> consumerRates) {
        return new Sweep(flavors, capacities, List.of(Overflow.BLOCK), baselines, kinds, requests, false,
                List.of(2), List.of(1000.0), List.of(1), consumerRates, LoadShape.CONSTANT, Duration.ofMillis(300),
                Duration.ofMillis(5), Duration.ofNanos(20_000));
    }

    private static List<String> labels(List<ExperimentSettings> runs) {
        return runs.stream().map(s -> s.design().label() + " " + s.consumer() + " R=" + s.consumerRate())
                .collect(Collectors.toList());
    }

    @Test
    void bounded_takes_every_capacity_and_capacity_0_is_a_rendezvous() {
        List<ExperimentSettings> runs = sweep(List.of("bounded", "unbounded", "rendezvous"), List.of(0, 1, 16),
                List.of(), List.of(ConsumerKind.THREAD), List.of(16), List.of(500.0)).runs();
        assertEquals(List.of("sluice rendezvous thread R=500.0", "sluice bounded(1) thread R=500.0",
                "sluice bounded(16) thread R=500.0", "sluice unbounded thread R=500.0"), labels(runs),
                "rendezvous once, although two values ask for it");
    }

    @Test
    void baselines_follow_the_sluice_designs_with_their_own_consumer() {
        List<ExperimentSettings> runs = sweep(List.of("bounded"), List.of(0, 8), List.of(Baseline.JDK_ABQ,
                Baseline.REACTOR_UNBOUNDED), List.of(ConsumerKind.THREAD, ConsumerKind.FLUX), List.of(1, 4),
                List.of(500.0)).runs();
        assertEquals(List.of(
                "sluice rendezvous thread R=500.0", "sluice rendezvous flux(request 1) R=500.0",
                "sluice rendezvous flux(request 4) R=500.0",
                "sluice bounded(8) thread R=500.0", "sluice bounded(8) flux(request 1) R=500.0",
                "sluice bounded(8) flux(request 4) R=500.0",
                "jdk-abq(8) thread R=500.0",
                "reactor-unbounded flux(request 1) R=500.0", "reactor-unbounded flux(request 4) R=500.0"), labels(runs),
                "jdk-abq skips capacity 0 and is read by a thread; reactor by a Flux");
    }

    @Test
    void load_axes_are_outermost() {
        List<ExperimentSettings> runs = sweep(List.of("bounded"), List.of(1, 2), List.of(), List.of(ConsumerKind.THREAD),
                List.of(16), List.of(500.0, 2000.0)).runs();
        assertEquals(List.of("sluice bounded(1) thread R=500.0", "sluice bounded(2) thread R=500.0",
                "sluice bounded(1) thread R=2000.0", "sluice bounded(2) thread R=2000.0"), labels(runs));
        RunLabels names = new RunLabels(runs);
        assertEquals("sluice bounded(1) R=500", names.label(runs.get(0)), "only the varying axes are named");
        assertEquals("sluice bounded R=500", names.family(runs.get(0)));
        assertEquals("sluice-bounded-1-R-500", RunLabels.slug(names.label(runs.get(0))));
    }

    @Test
    void empty_and_impossible_sweeps_are_refused() {
        assertThrows(IllegalArgumentException.class, () -> sweep(List.of(), List.of(1), List.of(),
                List.of(ConsumerKind.THREAD), List.of(1), List.of(1.0)).runs());
        assertThrows(IllegalArgumentException.class, () -> sweep(List.of("bounded"), List.of(), List.of(),
                List.of(ConsumerKind.THREAD), List.of(1), List.of(1.0)).runs());
        assertThrows(IllegalArgumentException.class, () -> sweep(List.of("bounded"), List.of(-1), List.of(),
                List.of(ConsumerKind.THREAD), List.of(1), List.of(1.0)));
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class, () -> Overflow.parse("drop-sideways"));
        assertTrue(policy.getMessage().contains("unknown overflow policy"));
        assertEquals(Overflow.DROP_OLDEST, Overflow.parse(" Drop-Oldest "));
    }

    @Test
    void a_burst_is_shared_out_evenly() {
        Burst burst = new Burst(10, Duration.ofSeconds(1));
        assertEquals(List.of(4, 3, 3), List.of(burst.shareOf(0, 3), burst.shareOf(1, 3), burst.shareOf(2, 3)));
    }
}
