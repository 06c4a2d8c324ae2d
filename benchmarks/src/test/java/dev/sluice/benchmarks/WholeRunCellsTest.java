package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The {@code cells} mode runs its placements end to end (child JVMs, under {@code taskset -c 0}
 * where it works) and its tables judge Sluice against the peer and the anchors as documented.
 * Tiny sizes; no timing is asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class WholeRunCellsTest {

    @Test
    void cellsModeRunsEveryPlacementInChildJvmsAndListsEveryRound() throws Exception {
        Path out = Path.of("target", "wholerun-cells-test");
        WholeRun.main(new String[] {"cells", "--rounds=1", "--messages=4000", "--slow=400", "--warmups=0",
                "--impls=sluice,ArrayBlockingQueue,disruptor-sp-blocking,jctools-spsc-spin", "--rust=none",
                "--out=" + out});
        String report = Files.readString(out.resolve("wholerun-cells.md"));
        String raw = Files.readString(out.resolve("wholerun-cells.tsv"));
        assertFalse(report.contains("**Failures:**"), report);
        assertTrue(report.contains("- rounds: 1, fixed before the first run"), report);
        assertTrue(report.contains("CPU family"), report);
        assertTrue(report.contains(", all cores\n"), report);
        assertTrue(raw.contains("\tsluice\toversubscribed bounded(1024)\t"), raw);
        assertTrue(raw.contains("\tjctools-spsc-spin\tspsc bounded(1024)\t"), raw);
        assertFalse(raw.contains("\tjctools-spsc-spin\tmpsc"), "a single-producer anchor ran with many producers:\n" + raw);
        if (Machine.tasksetWorks()) {
            assertTrue(report.contains("one CPU (taskset -c 0)"), report);
            assertTrue(raw.contains(WholeRun.ONE_CPU + "\tsluice\tspsc rendezvous\t"), raw);
            assertTrue(raw.contains(WholeRun.ONE_CPU + "\tArrayBlockingQueue\tmpmc bounded(1024)\t"), raw);
        } else {
            assertTrue(report.contains("one-CPU cells **skipped**"), report);
        }
    }

    @Test
    void theCellsModeHasTheOneCpuPlacementOnlyWhereTasksetWorks() {
        assertEquals(2, WholeRun.placements("cells", true).size());
        assertTrue(WholeRun.placements("cells", true).get(1).oneCpu());
        assertEquals(1, WholeRun.placements("cells", false).size());
        assertEquals(Scenario.ALL, WholeRun.placements("quick", true).get(0).scenarios());
    }

    @Test
    void theHoldTableJudgesThroughputCpuAndSpreadAgainstArrayBlockingQueue() {
        WholeRun.Jdk jdk = new WholeRun.Jdk(Path.of("/jdk"), 17, "17.0.0");
        WholeRun.Placement one = WholeRun.placements("cells", true).get(1);
        // spsc bounded(1024) on one CPU: Sluice 20 M/s (18–22: spread 20 %), 100 ns/msg;
        // ABQ 10 M/s (5–15: spread 100 %), 200 ns/msg -> met. mpsc: Sluice uses more CPU -> not met.
        Map<String, Map<String, List<WholeRun.Sample>>> samples = Map.of(
                "JDK 17" + WholeRun.ONE_CPU + "\tsluice", Map.of(
                        "spsc bounded(1024)", List.of(sample(18e6, 100), sample(20e6, 100), sample(22e6, 100)),
                        "mpsc bounded(1024)", List.of(sample(20e6, 300))),
                "JDK 17" + WholeRun.ONE_CPU + "\tArrayBlockingQueue", Map.of(
                        "spsc bounded(1024)", List.of(sample(5e6, 200), sample(10e6, 200), sample(15e6, 200)),
                        "mpsc bounded(1024)", List.of(sample(10e6, 200))));
        String table = WholeRunReport.holdTable(jdk, one, samples);
        String judgeSpsc = judgeRow(table, "spsc bounded(1024)").orElseThrow();
        assertTrue(judgeSpsc.contains("| 2.00× | 0.50× | 20 % / 100 % | yes |"), judgeSpsc);
        String judgeMpsc = judgeRow(table, "mpsc bounded(1024)").orElseThrow();
        assertTrue(judgeMpsc.endsWith("| **no** |"), judgeMpsc);
        assertTrue(table.contains("| spsc bounded(1024) | sluice | 20.0 M | 18.0 M–22.0 M | 20 % | 100 (100–100) | "), table);
        assertTrue(table.contains("18.0 M, 20.0 M, 22.0 M"), "every round listed:\n" + table);
        String rendezvous = judgeRow(table, "spsc rendezvous").orElseThrow();
        assertTrue(rendezvous.contains("**Sluice missing**"), rendezvous);
    }

    @Test
    void theAnchorTableSetsTheGoalsOfTheLimit() {
        WholeRun.Jdk jdk = new WholeRun.Jdk(Path.of("/jdk"), 25, "25");
        Map<String, Map<String, List<WholeRun.Sample>>> samples = Map.of(
                "JDK 25\tsluice", Map.of("spsc bounded(1024)", List.of(sample(30e6, 100))),
                "JDK 25\t" + Pipes.DISRUPTOR_SP_BLOCKING, Map.of("spsc bounded(1024)", List.of(sample(20e6, 100))),
                "JDK 25\t" + Pipes.JCTOOLS_SPSC_SPIN, Map.of("spsc bounded(1024)", List.of(sample(100e6, 100))));
        String table = WholeRunReport.anchorTable(jdk, samples);
        String disruptor = table.lines().filter(l -> l.contains("| " + Pipes.DISRUPTOR_SP_BLOCKING + " |")).findFirst().orElseThrow();
        assertTrue(disruptor.endsWith("| 1.50× | ≥ 1.0× | yes |"), disruptor);
        String ceiling = table.lines().filter(l -> l.contains("| " + Pipes.JCTOOLS_SPSC_SPIN + " |")).findFirst().orElseThrow();
        assertTrue(ceiling.endsWith("| 0.30× | ≥ 0.5× | **no** |"), ceiling);
    }

    /** The row of the judging table (after the every-queue table) for {@code scenario}. */
    private static java.util.Optional<String> judgeRow(String table, String scenario) {
        String judging = table.substring(table.indexOf("Sluice against the JDK peer"));
        return judging.lines().filter(l -> l.startsWith("| " + scenario + " | ")).findFirst();
    }

    /** One second's run at {@code rate} messages/s costing {@code cpuPerMessage} ns of CPU each. */
    private static WholeRun.Sample sample(double rate, long cpuPerMessage) {
        long messages = (long) rate;
        return new WholeRun.Sample(messages, 1_000_000_000L, messages * cpuPerMessage);
    }
}
