package dev.sluice.samples.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws one run as a figure of three panels, top to bottom: the depth and the messages in flight
 * over time, the share of producers blocked in {@code send} over time, and the latency percentile
 * distribution; written as PNG and SVG by {@link ChartFiles}.
 *
 * <p>Time runs from the common start of the threads; a vertical line marks the end of the run,
 * after which the consumers drain the backlog, and two dotted lines the stall, if any. The blocked share is smoothed with a moving average
 * over about 20 ms of samples (each raw sample is a multiple of 1 / producers). The latency panel
 * follows HdrHistogram's percentile plots: the x axis is {@code log10(1 / (1 - percentile))}
 * (the number of nines), labelled as percentiles, so the tail (99%, 99.9%, ...) gets as much room
 * as the median.
 */
public final class BackpressureChart {

    static final int WIDTH = 1000;
    static final int PANEL_HEIGHT = 380;
    private static final long SMOOTHING_NANOS = 20_000_000;

    private BackpressureChart() {
    }

    /** Writes the figure of {@code report} to {@code base.png} and {@code base.svg}. */
    public static List<Path> write(ExperimentReport report, Path base) throws IOException {
        return ChartFiles.write(panels(report), base);
    }

    /** The three panels of the figure. */
    static List<XYChart> panels(ExperimentReport report) {
        return List.of(depthPanel(report), blockedPanel(report), latencyPanel(report));
    }

    // ==== Panel 1: depth ====

    private static XYChart depthPanel(ExperimentReport report) {
        ExperimentSettings s = report.settings();
        XYChart chart = panel(String.format(Locale.ROOT,
                "Depth every %s, %s (max %,d, mean %,.1f; in flight max %,d)",
                ExperimentReport.formatNanos(s.sampleInterval().toNanos()), s.design().label(),
                report.maxDepth(), report.meanDepth(), report.maxInFlight()), "time (ms)", "messages");
        List<DepthSample> samples = report.samples();
        double[] time = new double[samples.size()];
        double[] depth = new double[samples.size()];
        double[] inFlight = new double[samples.size()];
        for (int i = 0; i < samples.size(); i++) {
            time[i] = samples.get(i).atNanos() / 1e6;
            depth[i] = samples.get(i).depth();
            inFlight[i] = samples.get(i).inFlight();
        }
        line(chart, "in flight (sent - received)", time, inFlight, new Color(255, 127, 14), 1.5f);
        line(chart, "depth (as the design reports it)", time, depth, new Color(31, 119, 180), 2f);
        double top = Math.max(1, Math.max(report.maxDepth(), report.maxInFlight()));
        if (s.design().capacity().isPresent() && s.design().capacity().getAsInt() > 0) {
            int capacity = s.design().capacity().getAsInt();
            double end = time.length == 0 ? s.duration().toMillis() : time[time.length - 1];
            dashed(chart, "capacity " + capacity, new double[] {0, end}, new double[] {capacity, capacity}, Color.GRAY);
            top = Math.max(top, capacity);
        }
        endOfRun(chart, s, top * 1.05);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(top * 1.1);
        return chart;
    }

    // ==== Panel 2: blocked producers ====

    private static XYChart blockedPanel(ExperimentReport report) {
        ExperimentSettings s = report.settings();
        XYChart chart = panel(String.format(Locale.ROOT,
                "Producers blocked in send() (longer than %s), 20 ms moving average; %.1f%% of producer time overall",
                ExperimentReport.formatNanos(s.blockedThreshold().toNanos()), 100 * report.blockedFraction()),
                "time (ms)", "producers blocked (%)");
        List<DepthSample> samples = report.samples();
        int window = (int) Math.max(1, SMOOTHING_NANOS / s.sampleInterval().toNanos());
        double[] time = new double[samples.size()];
        double[] share = new double[samples.size()];
        double sum = 0;
        for (int i = 0; i < samples.size(); i++) {
            sum += samples.get(i).blockedProducers();
            if (i >= window) {
                sum -= samples.get(i - window).blockedProducers();
            }
            int n = Math.min(i + 1, window);
            time[i] = samples.get(i).atNanos() / 1e6;
            share[i] = 100.0 * sum / n / s.producers();
        }
        line(chart, "blocked (%)", time, share, new Color(214, 39, 40), 2f);
        endOfRun(chart, s, 100);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(105.0);
        return chart;
    }

    // ==== Panel 3: latency percentiles ====

    private static XYChart latencyPanel(ExperimentReport report) {
        ExperimentSettings s = report.settings();
        XYChart chart = panel("End-to-end latency by percentile: " + ExperimentReport.percentiles(report.sinceSendCalled())
                + " (send() called)", "percentile", "latency (ms)");
        if (report.sinceSendCalled().getTotalCount() > 0) {
            percentileLine(chart, "send() called -> received", report.sinceSendCalled(), new Color(44, 160, 44));
            if (s.producerRate() > 0) {
                percentileLine(chart, "scheduled -> received", report.sinceScheduled(), new Color(148, 103, 189));
            }
        } else {
            line(chart, "no messages", new double[] {1}, new double[] {0}, Color.GRAY, 1f);
        }
        // One tick per nine: the axis ends at a whole number of nines, and the tick spacing hint
        // (in pixels) asks XChart for about one tick per unit.
        long count = Math.max(10, report.sinceSendCalled().getTotalCount());
        double lastNine = Math.ceil(Math.log10(count));
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax(lastNine);
        chart.getStyler().setXAxisTickMarkSpacingHint((int) (0.85 * WIDTH / lastNine));
        chart.getStyler().setxAxisTickLabelsFormattingFunction(BackpressureChart::percentileLabel);
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    private static void percentileLine(XYChart chart, String name, Histogram histogram, Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (HistogramIterationValue v : histogram.percentiles(5)) {
            double percentile = v.getPercentileLevelIteratedTo();
            if (percentile >= 100) {
                break;
            }
            x.add(nines(percentile));
            y.add(v.getValueIteratedTo() / 1e6);
        }
        double lastX = x.isEmpty() ? 0 : x.get(x.size() - 1);
        x.add(Math.max(lastX, Math.log10(histogram.getTotalCount())));   // the max sits at about 1 - 1/N
        y.add(histogram.getMaxValue() / 1e6);
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(2f));
        series.setMarker(SeriesMarkers.NONE);
    }

    /** The x coordinate of a percentile: {@code log10(1 / (1 - p))}, the count of its nines (90% -> 1, 99% -> 2). */
    static double nines(double percentile) {
        return -Math.log10(1 - percentile / 100);
    }

    /**
     * The percentile at x = {@link #nines}: 0 -> "0%", 1 -> "90%", 2 -> "99%", 3 -> "99.9%",
     * 0.5 -> "68.4%". It must give distinct labels to distinct ticks, also to the ticks XChart
     * tries left of the axis (negative x gives a negative percentile): XChart widens the tick
     * spacing until all labels differ, and never stops if two always coincide (https://github.com/knowm/XChart/issues/799).
     * Strictly increasing, with more decimals as x grows, it cannot produce duplicates.
     */
    static String percentileLabel(double x) {
        double percentile = 100 * (1 - Math.pow(10, -x));
        int decimals = Math.max(1, (int) Math.ceil(Math.max(0, x)) + 1);
        String text = String.format(Locale.ROOT, "%." + decimals + "f", percentile);
        text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        return (text.equals("-0") ? "0" : text) + "%";
    }

    // ==== Helpers ====

    static XYChart panel(String title, String xTitle, String yTitle) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(PANEL_HEIGHT)
                .title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);   // below the plot: never over the data
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setChartTitleFont(styler.getChartTitleFont().deriveFont(13f));
        styler.setChartBackgroundColor(Color.WHITE);
        return chart;
    }

    static void line(XYChart chart, String name, double[] x, double[] y, Color color, float width) {
        XYSeries series = chart.addSeries(name, x.length == 0 ? new double[] {0} : x, y.length == 0 ? new double[] {0} : y);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width));
        series.setMarker(SeriesMarkers.NONE);
    }

    static void dashed(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {6f, 4f}, 0f));
        series.setMarker(SeriesMarkers.NONE);
    }

    /** The end of the run, and the stall if there is one, as vertical lines up to {@code top}. */
    static void endOfRun(XYChart chart, ExperimentSettings s, double top) {
        double end = s.duration().toNanos() / 1e6;
        dashed(chart, "end of run", new double[] {end, end}, new double[] {0, top}, Color.DARK_GRAY);
        s.load().stall().ifPresent(stall -> {
            double from = stall.at().toNanos() / 1e6;
            double until = from + stall.length().toNanos() / 1e6;
            dotted(chart, "stall", new double[] {from, from}, new double[] {0, top}, new Color(140, 86, 75));
            dotted(chart, "end of stall", new double[] {until, until}, new double[] {0, top}, new Color(188, 189, 34));
        });
    }

    private static void dotted(XYChart chart, String name, double[] x, double[] y, Color color) {
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[] {2f, 3f}, 0f));
        series.setMarker(SeriesMarkers.NONE);
    }
}
