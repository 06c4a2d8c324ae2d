package dev.sluice.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * Every latency cell delivers every message once and in order (the child checks each value) and
 * records one sample per message with ordered percentiles; the runner forks its children on
 * every JDK it is given, runs virtual threads only on JDK 21+, and prints every round.
 * Tiny sizes; no timing is asserted.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class LatencyHarnessTest {
    /** A JDK 21+ for the virtual-thread cells; the test of them is skipped where it is absent. */
    private static final Path JDK_25 = Path.of(System.getProperty("latency.jdk21", "/usr/lib/jvm/temurin-25-jdk-amd64"));

    static Stream<Arguments> cells() {
        List<Arguments> cells = new ArrayList<>();
        List<String> impls = new ArrayList<>(LatencyRun.DEFAULT_IMPLS);
        if (!Pipes.joxAvailable()) {
            impls.remove(Pipes.JOX);
        }
        List<Boolean> kinds = LatencyChild.virtualThreadsAvailable() ? List.of(false, true) : List.of(false);
        for (String impl : impls) {
            for (String cell : LatencyRun.cells(impl)) {
                for (boolean virtual : kinds) {
                    cells.add(Arguments.of(impl, cell.split(" ")[0], Integer.parseInt(cell.split(" ")[1]), virtual));
                }
            }
        }
        return cells.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} virtual={3}")
    @MethodSource("cells")
    void everyCellRecordsOneOrderedSamplePerMessage(String impl, String mode, int capacity, boolean virtual) throws Exception {
        int n = mode.equals("oneway") ? 50 : 1_000;
        LatencyChild.Result r = LatencyChild.measure(impl, mode, capacity, virtual, n, 20);
        assertEquals(virtual ? "virtual" : "platform", r.threads());
        assertEquals(n, r.count());
        assertTrue(0 < r.p50() && r.p50() <= r.p99() && r.p99() <= r.p999() && r.p999() <= r.max(), r.toString());
    }

    @Test
    void theCellsAreTheCapacitiesEachQueueHas() {
        assertEquals(List.of("pingpong 0", "pingpong 1", "pingpong 1024", "oneway 0", "oneway 1", "oneway 1024"),
                LatencyRun.cells(Pipes.SLUICE));
        assertEquals(List.of("pingpong 0", "oneway 0"), LatencyRun.cells("SynchronousQueue"));
        assertEquals(List.of("pingpong 0", "oneway 0"), LatencyRun.cells(Pipes.EXCHANGER));
        assertEquals(List.of("pingpong 0", "oneway 0"), LatencyRun.cells("LinkedTransferQueue"));
        assertEquals(List.of("pingpong 1", "pingpong 1024", "oneway 1", "oneway 1024"), LatencyRun.cells("ArrayBlockingQueue"));
    }

    @Test
    void theRunnerForksEveryJdkAndListsEveryRound() throws Exception {
        Path out = Path.of("target", "latency-test");
        List<String> args = new ArrayList<>(List.of("--rounds=1", "--count=100", "--oneway=20", "--warmup=20",
                "--impls=sluice,SynchronousQueue", "--rust=none", "--out=" + out,
                "--jdk=" + System.getProperty("java.home")));
        // Virtual threads need JDK 21+: the running JDK if it is one, else JDK_25 where it exists.
        String modern = Runtime.version().feature() >= 21 ? "JDK " + Runtime.version().feature() : null;
        if (modern == null && Files.isExecutable(JDK_25.resolve("bin/java"))) {
            args.add("--jdk=" + JDK_25);
            modern = WholeRun.jdk(JDK_25).label();
        }
        LatencyRun.main(args.toArray(String[]::new));
        String report = Files.readString(out.resolve("latency.md"));
        String raw = Files.readString(out.resolve("latency.tsv"));
        assertFalse(report.contains("exit "), report);
        assertTrue(report.contains("- rounds: 1, fixed before the first run"), report);
        assertTrue(report.contains("CPU family"), report);
        String jdk = "JDK " + Runtime.version().feature();
        assertTrue(report.contains("### " + jdk + ": ping-pong round trip, platform threads (µs)"), report);
        assertTrue(report.contains("### " + jdk + ": one-way hand-off to a parked receiver, platform threads (µs)"), report);
        assertTrue(report.contains("| " + jdk + " | platform | rendezvous | SQ | "), "the ping-pong goal row:\n" + report);
        // 1 round × (sluice 6 + SQ 2 cells) per thread kind that runs.
        long platformLines = raw.lines().filter(l -> l.contains("\t" + jdk + "\t") && l.contains("\tplatform\t")).count();
        assertEquals(8, platformLines, raw);
        if (Runtime.version().feature() < 21) {
            assertTrue(report.contains(jdk + " sluice: virtual threads need JDK 21+"), report);
        }
        if (modern != null) {
            String label = modern;
            assertTrue(report.contains("### " + label + ": ping-pong round trip, virtual threads (µs)"), report);
            assertEquals(8, raw.lines().filter(l -> l.contains("\t" + label + "\t") && l.contains("\tvirtual\t")).count(), raw);
        }
    }
}
