package dev.sluice.samples.experiment;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/**
 * The sweep's numbers as CSV (RFC 4180: comma-separated, a header line, fields quoted when they
 * contain a comma or a quote), for a spreadsheet or a notebook:
 *
 * <ul>
 *   <li>{@code runs.csv}: one row per run, its settings and every measure; latencies in
 *       microseconds, heap in bytes;</li>
 *   <li>{@code samples.csv}: one row per sample of every run, keyed by the run number
 *       ({@code run}), so the rows of one run form one set.</li>
 * </ul>
 */
final class ResultsCsv {

    static final String RUNS_HEADER = "run,label,design,capacity,overflow,consumer,request,publish_on,producers,"
            + "producer_rate,consumers,consumer_rate,arrivals,seed,stall,burst,duration_ms,sent,received,dropped,lost,"
            + "abandoned,sent_per_s,received_per_s,blocked_pct,blocked_ms,max_depth,mean_depth,max_in_flight,"
            + "depth_at_end,drain_ms,channel_p50_us,channel_p99_us,channel_p999_us,channel_max_us,"
            + "e2e_p50_us,e2e_p99_us,e2e_p999_us,e2e_max_us,peak_heap_bytes,retained_heap_bytes";
    static final String SAMPLES_HEADER = "run,t_ms,depth,in_flight,blocked_producers,heap_used_bytes";

    private ResultsCsv() {
    }

    static void writeRuns(List<ExperimentReport> reports, RunLabels labels, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(RUNS_HEADER + "\n");
            for (int i = 0; i < reports.size(); i++) {
                ExperimentReport r = reports.get(i);
                ExperimentSettings s = r.settings();
                Design d = s.design();
                StringJoiner row = new StringJoiner(",");
                row.add(String.valueOf(i + 1)).add(field(labels.label(s))).add(field(d.label()))
                        .add(d.capacity().isPresent() ? String.valueOf(d.capacity().getAsInt()) : "unbounded")
                        .add(d instanceof SluiceDesign ? ((SluiceDesign) d).overflow().toString() : "")
                        .add(s.consumer().kind().toString())
                        .add(String.valueOf(s.consumer().request()))
                        .add(String.valueOf(s.consumer().publishOn()))
                        .add(String.valueOf(s.producers())).add(ExperimentSettings.formatRate(s.producerRate()))
                        .add(String.valueOf(s.consumers())).add(ExperimentSettings.formatRate(s.consumerRate()))
                        .add(s.load().arrivals().toString()).add(String.valueOf(s.load().seed()))
                        .add(field(s.load().stall().map(Stall::toString).orElse("")))
                        .add(field(s.load().burst().map(Burst::toString).orElse("")))
                        .add(number(s.duration().toNanos() / 1e6))
                        .add(String.valueOf(r.sent())).add(String.valueOf(r.received()))
                        .add(String.valueOf(r.dropped())).add(String.valueOf(r.lost()))
                        .add(String.valueOf(r.abandoned()))
                        .add(number(r.sentPerSecond())).add(number(r.receivedPerSecond()))
                        .add(number(100 * r.blockedFraction())).add(number(r.blockedNanos() / 1e6))
                        .add(String.valueOf(r.maxDepth())).add(number(r.meanDepth()))
                        .add(String.valueOf(r.maxInFlight())).add(String.valueOf(r.depthAtEnd()))
                        .add(number(r.drainNanos() / 1e6));
                for (Histogram h : List.of(r.sinceSendCalled(), r.sinceScheduled())) {
                    for (double p : ExperimentReport.TAIL) {
                        row.add(h.getTotalCount() == 0 ? "" : number(h.getValueAtPercentile(p) / 1e3));
                    }
                    row.add(h.getTotalCount() == 0 ? "" : number(h.getMaxValue() / 1e3));
                }
                row.add(String.valueOf(r.peakHeapBytes())).add(String.valueOf(r.retainedHeapBytes()));
                out.write(row + "\n");
            }
        }
    }

    static void writeSamples(List<ExperimentReport> reports, Path file) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(SAMPLES_HEADER + "\n");
            for (int i = 0; i < reports.size(); i++) {
                for (DepthSample sample : reports.get(i).samples()) {
                    out.write((i + 1) + "," + number(sample.atNanos() / 1e6) + "," + sample.depth() + ","
                            + sample.inFlight() + "," + sample.blockedProducers() + "," + sample.heapUsedBytes() + "\n");
                }
            }
        }
    }

    /** A field, quoted if it holds a comma, a quote or a line break. */
    static String field(String text) {
        if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
