package dev.sluice.samples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The terminal summary of a sweep: one row per run, columns padded to their widest cell.
 *
 * <p>Columns: run, label, sent, received, lost (must be 0; dropped shown apart), throughput
 * (received per second during the run), producer time blocked, max depth and max in flight,
 * latency in the design p50/p99/p99.9/max, end-to-end p99, peak and retained heap.
 */
final class SummaryTable {

    private static final String[] HEADER = {"#", "run", "sent", "recv", "lost", "dropped", "recv/s", "blocked",
        "depth", "in flight", "p50", "p99", "p99.9", "max", "e2e p99", "peak heap", "retained"};

    private SummaryTable() {
    }

    /** The table's lines, header first. */
    static List<String> lines(List<ExperimentReport> reports, RunLabels labels) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (int i = 0; i < reports.size(); i++) {
            ExperimentReport r = reports.get(i);
            rows.add(new String[] {
                String.valueOf(i + 1),
                labels.label(r.settings()),
                String.format(Locale.ROOT, "%,d", r.sent()),
                String.format(Locale.ROOT, "%,d", r.received()),
                String.format(Locale.ROOT, "%,d", r.lost()),
                String.format(Locale.ROOT, "%,d", r.dropped()),
                String.format(Locale.ROOT, "%,.0f", r.receivedPerSecond()),
                String.format(Locale.ROOT, "%.1f%%", 100 * r.blockedFraction()),
                String.format(Locale.ROOT, "%,d", r.maxDepth()),
                String.format(Locale.ROOT, "%,d", r.maxInFlight()),
                at(r, 50), at(r, 99), at(r, 99.9),
                r.received() == 0 ? "-" : ExperimentReport.formatNanos(r.sinceSendCalled().getMaxValue()),
                r.received() == 0 ? "-" : ExperimentReport.formatNanos(r.sinceScheduled().getValueAtPercentile(99)),
                ExperimentReport.formatBytes(r.peakHeapBytes()),
                ExperimentReport.formatBytes(r.retainedHeapBytes())});
        }
        int[] width = new int[HEADER.length];
        rows.forEach(row -> {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        });
        List<String> lines = new ArrayList<>();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                boolean left = c == 1;
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(left ? cell + pad : pad + cell);
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    private static String at(ExperimentReport r, double percentile) {
        return r.received() == 0 ? "-" : ExperimentReport.formatNanos(r.sinceSendCalled().getValueAtPercentile(percentile));
    }
}
