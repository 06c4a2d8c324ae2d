package dev.sluice.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;

/**
 * BridgeReport: the Markdown table of a {@link BridgeBenchmark} run, each path with its ratio to
 * the best bounded baseline (the fastest path that is neither Sluice nor unbounded).
 */
final class BridgeReport {
    /** The target: Sluice's bridge at least this many times the best bounded baseline. */
    static final double TARGET = 1.5;
    /** The goal for {@code ChannelFlux.from} against Reactor's {@code Flux.range} ceiling. */
    static final double CEILING_GOAL = 0.5;

    private BridgeReport() {
    }

    private record Row(BridgePath path, double score, double error) {
    }

    static String table(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult result : results) {
            Result<?> primary = result.getPrimaryResult();
            rows.add(new Row(BridgePath.valueOf(result.getParams().getParam("path")), primary.getScore(),
                    primary.getScoreError()));
        }
        for (BridgePath path : BridgePath.values()) {
            if (rows.stream().noneMatch(r -> r.path() == path)) {
                rows.add(new Row(path, Double.NaN, Double.NaN));          // failed: no result
            }
        }
        rows.sort(Comparator.comparing(Row::path));
        Row best = rows.stream().filter(r -> r.path().bounded() && !r.path().isSluice() && !r.path().ceiling()
                        && !Double.isNaN(r.score()))
                .max(Comparator.comparingDouble(Row::score)).orElse(null);
        StringBuilder table = new StringBuilder();
        table.append("| path | memory | msgs/s | ± (99.9%) | ratio to best bounded baseline | target ")
                .append(QuickRun.ratio(TARGET)).append(" |\n");
        table.append("|---|---|---:|---:|---:|:---:|\n");
        for (Row row : rows) {
            if (Double.isNaN(row.score())) {
                table.append(String.format(Locale.ROOT, "| %s: %s | %s | **failed** (see the JMH log) | | | %s |%n",
                        row.path().name(), row.path().description(), row.path().bounded() ? "bounded" : "unbounded",
                        row.path().isSluice() ? "**no**" : ""));
                continue;
            }
            double ratio = best == null ? Double.NaN : row.score() / best.score();
            String met = !row.path().isSluice() ? "" : ratio >= TARGET ? "yes" : "**no**";
            table.append(String.format(Locale.ROOT, "| %s: %s | %s | %s | %s | %s | %s |%n",
                    row.path().name(), row.path().description(), row.path().bounded() ? "bounded" : "unbounded",
                    QuickRun.rate(row.score()), QuickRun.rate(row.error()), QuickRun.ratio(ratio), met));
        }
        Row flux = rows.stream().filter(r -> r.path() == BridgePath.channelFlux).findFirst().orElseThrow();
        Row ceiling = rows.stream().filter(r -> r.path() == BridgePath.fluxRangeCeiling).findFirst().orElseThrow();
        double toCeiling = flux.score() / ceiling.score();
        String ceilingLine = Double.isNaN(toCeiling) ? "channelFlux against Reactor's ceiling: n/a (a cell failed).\n"
                : "channelFlux against Reactor's ceiling (fluxRangeCeiling): " + QuickRun.ratio(toCeiling)
                        + " (goal ≥ 0.50×: " + (toCeiling >= CEILING_GOAL ? "met" : "**not met**") + ").\n";
        return "### Blocking producer → Flux subscriber (" + BridgeBenchmark.MESSAGES + " messages per run)\n\n"
                + table
                + "\nBest bounded baseline: " + (best == null ? "n/a" : best.path().name()) + " (the ceiling is not a baseline).\n"
                + ceilingLine;
    }
}
