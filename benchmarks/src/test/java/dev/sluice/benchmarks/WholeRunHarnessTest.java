package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole-run harness moves every message exactly once in every (queue, scenario) it runs, the
 * scenario names match the Rust program's, and the report reads its samples as documented.
 * No timing is asserted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WholeRunHarnessTest {
    private static final int MESSAGES = 20_000;

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        List<String> impls = new ArrayList<>(List.of(Pipes.SLUICE));
        impls.addAll(Scenario.JDK_QUEUES);
        if (Pipes.joxAvailable()) {
            impls.add(Pipes.JOX);
        }
        for (String impl : impls) {
            for (Scenario scenario : Scenario.ALL) {
                if (scenario.supports(impl)) {
                    cells.add(Arguments.of(impl, scenario.name()));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cells")
    void everyMessageArrivesOnceInEveryWholeRunTwice(String impl, String scenario) throws Exception {
        Integer[] boxed = Messages.boxed(MESSAGES);
        int n = Scenario.parse(scenario).slow() ? MESSAGES / 10 : MESSAGES;
        WholeRunChild.runOnce(impl, Scenario.parse(scenario), boxed, n);   // throws on a lost/duplicated message
        WholeRunChild.runOnce(impl, Scenario.parse(scenario), boxed, n);
    }

    @Test
    void everyQueueHasTheVariantsItClaims() {
        for (Scenario scenario : Scenario.ALL) {
            assertTrue(scenario.supports(Pipes.SLUICE), scenario.name());
            Pipes.open(Pipes.SLUICE, scenario.capacity()).close();
            for (String queue : Scenario.JDK_QUEUES) {
                if (scenario.supports(queue)) {
                    Pipes.open(queue, scenario.capacity()).close();
                } else {
                    assertThrows(IllegalArgumentException.class, () -> Pipes.open(queue, scenario.capacity()));
                }
            }
        }
    }

    @Test
    void joxIsRefusedWhereItCannotRun() {
        assumeTrue(!Pipes.joxAvailable());
        assertThrows(IllegalArgumentException.class, () -> Pipes.open(Pipes.JOX, 1024));
    }

    @Test
    void scenarioNamesAreTheRustProgramsNames() {
        List<String> names = Scenario.ALL.stream().map(Scenario::name).toList();
        assertEquals(List.of("spsc bounded(1024)", "mpsc bounded(1024)", "mpmc bounded(1024)", "spsc unbounded",
                "mpsc unbounded", "mpmc unbounded", "spsc rendezvous", "mpsc rendezvous", "spsc bounded(1)"), names);
    }

    @Test
    void theRatioTableComparesTheMediansAndJudgesTheTarget() throws Exception {
        WholeRun.Jdk jdk = new WholeRun.Jdk(java.nio.file.Path.of("/jdk"), 17, "17.0.0");
        // spsc bounded(1024): Sluice 30 M/s (runs of 20, 30, 40), ABQ 10 M/s, Rust 20 M/s.
        Map<String, Map<String, List<WholeRun.Sample>>> samples = Map.of(
                "JDK 17\tsluice", Map.of("spsc bounded(1024)", List.of(sample(20e6), sample(30e6), sample(40e6))),
                "JDK 17\tArrayBlockingQueue", Map.of("spsc bounded(1024)", List.of(sample(10e6))),
                WholeRun.RUST + "\t" + WholeRun.RUST, Map.of("spsc bounded(1024)", List.of(sample(20e6))));
        String table = WholeRunReport.ratioTable(jdk, samples);
        String row = table.lines().filter(l -> l.startsWith("| spsc bounded(1024) ")).findFirst().orElseThrow();
        assertTrue(row.contains("30.0 M (20.0 M–40.0 M)"), row);
        assertTrue(row.contains("| ABQ | 10.0 M |"), row);
        assertTrue(row.contains("| 3.00× | 1.50× |"), row);
        assertTrue(row.endsWith("| yes |"), row);
        String rendezvous = table.lines().filter(l -> l.startsWith("| spsc rendezvous ")).findFirst().orElseThrow();
        assertTrue(rendezvous.contains("**missing**"), rendezvous);
        assertFalse(WholeRunReport.everyCell(samples).contains("rendezvous"));
    }

    /** One second's run at {@code rate} messages/s using half a core. */
    private static WholeRun.Sample sample(double rate) {
        long messages = (long) rate;
        return new WholeRun.Sample(messages, 1_000_000_000L, 500_000_000L);
    }
}
