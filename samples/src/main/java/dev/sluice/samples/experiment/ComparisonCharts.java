package dev.sluice.samples.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts that compare the runs of a sweep, each written as PNG and SVG:
 *
 * <ul>
 *   <li>{@code compare-latency-by-capacity}: latency percentiles (p50, p99, p99.9, max) against
 *       the capacity, one line per percentile and run family (Sluice bounded, jdk-abq, ...),
 *       unbounded designs at the right end; two panels: time in the design ({@code send} called
 *       &rarr; received) and end to end (scheduled &rarr; received). The y axis is logarithmic.</li>
 *   <li>{@code compare-designs}: one bar per run: throughput (received during the run, msg/s),
 *       the producers' share of time blocked in {@code send}, and heap (peak and retained).</li>
 *   <li>{@code compare-depth-over-time}: messages in flight over time, one line per run, with the
 *       stall marked: where an unbounded buffer grows and a bounded one stops.</li>
 * </ul>
 */
final class ComparisonCharts {

    static final int WIDTH = 1000;
    static final int HEIGHT = 420;
    private static final Color[] PALETTE = {
        new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44), new Color(214, 39, 40),
        new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194), new Color(127, 127, 127),
        new Color(188, 189, 34), new Color(23, 190, 207)};
    private static final double[] PERCENTILES = {50, 99, 99.9, 100};
    private static final Marker[] MARKERS = {SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND,
        SeriesMarkers.TRIANGLE_UP, SeriesMarkers.TRIANGLE_DOWN};

    private ComparisonCharts() {
    }

    /** Writes the three comparison figures into {@code dir}; returns every file written. */
    static List<Path> write(List<ExperimentReport> reports, RunLabels labels, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.addAll(ChartFiles.write(List.of(latencyByCapacity(reports, labels, true),
                latencyByCapacity(reports, labels, false)), dir.resolve("compare-latency-by-capacity")));
        files.addAll(ChartFiles.write(designs(reports, labels), dir.resolve("compare-designs")));
        files.addAll(ChartFiles.write(List.of(depthOverTime(reports, labels)), dir.resolve("compare-depth-over-time")));
        return files;
    }

    // ==== Latency by capacity ====

    /** The capacity axis: every capacity of the sweep in order, then "unbounded" if any. */
    static List<String> capacityCategories(List<ExperimentReport> reports) {
        TreeSet<Integer> capacities = new TreeSet<>();
        boolean unbounded = false;
        for (ExperimentReport r : reports) {
            if (r.settings().design().capacity().isPresent()) {
                capacities.add(r.settings().design().capacity().getAsInt());
            } else {
                unbounded = true;
            }
        }
        List<String> categories = new ArrayList<>();
        capacities.forEach(c -> categories.add(String.valueOf(c)));
        if (unbounded) {
            categories.add("unbounded");
        }
        return categories;
    }

    private static String capacityOf(ExperimentReport r) {
        return r.settings().design().capacity().isPresent()
                ? String.valueOf(r.settings().design().capacity().getAsInt()) : "unbounded";
    }

    static CategoryChart latencyByCapacity(List<ExperimentReport> reports, RunLabels labels, boolean inDesign) {
        List<String> categories = capacityCategories(reports);
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(inDesign ? "Latency in the design (send() called -> received) by capacity"
                        : "Latency end to end (scheduled -> received) by capacity")
                .xAxisTitle("capacity").yAxisTitle("latency (ms, log scale)").build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);   // many series: a column on the right
        styler.setLegendFont(styler.getLegendFont().deriveFont(10f));
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(13f));
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setOverlapped(true);                      // one x position per capacity
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        chart.getStyler().setYAxisLogarithmic(true);
        Map<String, List<ExperimentReport>> families = new LinkedHashMap<>();
        reports.forEach(r -> families.computeIfAbsent(labels.family(r.settings()), k -> new ArrayList<>()).add(r));
        int family = 0;
        boolean any = false;
        for (Map.Entry<String, List<ExperimentReport>> entry : families.entrySet()) {
            for (int p = 0; p < PERCENTILES.length; p++) {
                List<Double> y = new ArrayList<>();
                boolean has = false;
                for (String category : categories) {
                    Double value = null;
                    for (ExperimentReport r : entry.getValue()) {
                        Histogram h = inDesign ? r.sinceSendCalled() : r.sinceScheduled();
                        if (capacityOf(r).equals(category) && h.getTotalCount() > 0) {
                            value = Math.max(1e-3, h.getValueAtPercentile(PERCENTILES[p]) / 1e6);   // log axis: > 0
                        }
                    }
                    has |= value != null;
                    y.add(value);
                }
                if (!has) {
                    continue;
                }
                String name = entry.getKey() + " " + (PERCENTILES[p] == 100 ? "max" : "p" + trim(PERCENTILES[p]));
                CategorySeries series = chart.addSeries(name, categories, y);
                series.setLineColor(PALETTE[p % PALETTE.length]);
                series.setMarkerColor(PALETTE[p % PALETTE.length]);
                series.setMarker(MARKERS[family % MARKERS.length]);
                series.setLineStyle(new BasicStroke(family == 0 ? 2f : 1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, family == 0 ? null : new float[] {6f, 3f}, 0f));
                any = true;
            }
            family++;
        }
        if (!any) {
            chart.getStyler().setYAxisLogarithmic(false);
            chart.addSeries("no messages", categories, categories.stream().map(c -> 0.0).collect(Collectors.toList()));
        }
        return chart;
    }

    // ==== Throughput, blocked time and heap per run ====

    static List<CategoryChart> designs(List<ExperimentReport> reports, RunLabels labels) {
        List<String> names = new ArrayList<>();
        List<Double> throughput = new ArrayList<>();
        List<Double> blocked = new ArrayList<>();
        List<Double> peak = new ArrayList<>();
        List<Double> retained = new ArrayList<>();
        for (ExperimentReport r : reports) {
            names.add(labels.label(r.settings()));
            throughput.add(r.receivedPerSecond());
            blocked.add(100 * r.blockedFraction());
            peak.add(r.peakHeapBytes() / (1024.0 * 1024));
            retained.add(r.retainedHeapBytes() / (1024.0 * 1024));
        }
        CategoryChart t = bars("Throughput: messages received per second during the run", "msg/s");
        t.addSeries("received / s", names, throughput).setFillColor(PALETTE[0]);
        CategoryChart b = bars("Producer time blocked in send()", "% of producer time");
        b.addSeries("blocked (%)", names, blocked).setFillColor(PALETTE[3]);
        CategoryChart h = bars("Heap above the pre-run baseline: peak sampled (garbage included) and retained at the end "
                + "(after a full GC, backlog still buffered)", "MiB");
        h.addSeries("peak", names, peak).setFillColor(PALETTE[1]);
        h.addSeries("retained", names, retained).setFillColor(PALETTE[4]);
        boolean longNames = names.stream().mapToInt(String::length).sum() > 90;
        for (CategoryChart c : List.of(t, b, h)) {
            c.getStyler().setXAxisLabelRotation(longNames ? 20 : 0);
        }
        return List.of(t, b, h);
    }

    private static CategoryChart bars(String title, String yTitle) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT * 3 / 4)
                .title(title).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(13f));
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    // ==== Depth over time ====

    static XYChart depthOverTime(List<ExperimentReport> reports, RunLabels labels) {
        ExperimentSettings first = reports.get(0).settings();
        XYChart chart = BackpressureChart.panel("Messages in flight (sent - received) over time, one line per run"
                        + first.load().stall().map(s -> ", consumer stall " + s).orElse(""),
                "time (ms)", "messages in flight");
        double top = 1;
        int i = 0;
        for (ExperimentReport r : reports) {
            List<DepthSample> samples = r.samples();
            double[] time = new double[samples.size()];
            double[] inFlight = new double[samples.size()];
            for (int k = 0; k < samples.size(); k++) {
                time[k] = samples.get(k).atNanos() / 1e6;
                inFlight[k] = samples.get(k).inFlight();
                top = Math.max(top, inFlight[k]);
            }
            BackpressureChart.line(chart, labels.label(r.settings()), time, inFlight, PALETTE[i % PALETTE.length], 2f);
            i++;
        }
        BackpressureChart.endOfRun(chart, first, top * 1.05);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top * 1.1);
        return chart;
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.format(Locale.ROOT, "%s", p);
    }
}
