package dev.sluice.samples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * What one backpressure run measured, and its printable summary.
 *
 * @param settings          the run's parameters
 * @param sent              messages the producers sent (their send returned OK)
 * @param received          messages the consumers received, during the run and in the drain
 * @param receivedDuringRun of those, messages received before the run's duration was over
 * @param abandoned         sends still blocked when the run ended (they gave up; not in {@code sent})
 * @param producerNanos     total time the producers ran, each from the start of the run to the
 *                          return of its last send (a little past the end if that send waited)
 * @param sendNanos         total time the producers spent inside {@code send}, fast path included
 * @param blockedNanos      total time of the sends slower than the blocked threshold
 * @param blockedSends      how many sends were slower than the threshold
 * @param depthAtEnd        {@code len()} when the last producer had stopped: the backlog to drain
 * @param drainNanos        how long the consumers took to drain it after the end of the run
 * @param samples           the sampler's readings, in time order
 * @param sinceSendCalled   latency from the {@code send} call to reception (time in the channel)
 * @param sinceScheduled    latency from the producer's schedule to reception (includes the time
 *                          the producer was held back by backpressure)
 */
public record ExperimentReport(
        ExperimentSettings settings,
        long sent,
        long received,
        long receivedDuringRun,
        long abandoned,
        long producerNanos,
        long sendNanos,
        long blockedNanos,
        long blockedSends,
        int depthAtEnd,
        long drainNanos,
        List<DepthSample> samples,
        Histogram sinceSendCalled,
        Histogram sinceScheduled) {

    /** The percentiles the summary and the chart title show. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};

    /** Messages sent per second of the run. */
    public double sentPerSecond() {
        return sent / seconds();
    }

    /** Messages received per second, counting only those received before the end of the run. */
    public double receivedPerSecond() {
        return receivedDuringRun / seconds();
    }

    /** Share of the producers' time spent blocked in {@code send}: blocked time / producer time. */
    public double blockedFraction() {
        return producerNanos == 0 ? 0 : blockedNanos / (double) producerNanos;
    }

    /** The largest sampled depth (0 if there is no sample). */
    public int maxDepth() {
        return samples.stream().mapToInt(DepthSample::depth).max().orElse(0);
    }

    /** The mean sampled depth (0 if there is no sample). */
    public double meanDepth() {
        return samples.stream().mapToInt(DepthSample::depth).average().orElse(0);
    }

    /** The summary printed after a run, one line per measure. */
    public List<String> summary() {
        ExperimentSettings s = settings;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Backpressure experiment: %s channel, %s, %s, %s",
                s.flavor(), s.describeProducers(), s.describeConsumers(), formatNanos(s.duration().toNanos())));
        lines.add(String.format(Locale.ROOT, "  sent              %,d messages (%,.0f msg/s)", sent, sentPerSecond()));
        lines.add(String.format(Locale.ROOT, "  received          %,d messages (%,.0f msg/s during the run; "
                + "backlog of %,d at the end, drained in %s)", received, receivedPerSecond(), depthAtEnd,
                formatNanos(drainNanos)));
        if (abandoned > 0) {
            lines.add(String.format(Locale.ROOT, "  abandoned         %d send(s) still blocked when the run ended "
                    + "(gave up, not counted as sent)", abandoned));
        }
        lines.add(String.format(Locale.ROOT, "  producer blocked  %.1f%% of producer time: %s in %,d sends slower than %s "
                + "(time inside send, measured per call; all sends: %s)", 100 * blockedFraction(),
                formatNanos(blockedNanos), blockedSends, formatNanos(s.blockedThreshold().toNanos()),
                formatNanos(sendNanos)));
        String capacity = s.flavor().isUnbounded() ? "unbounded" : "capacity " + s.flavor().capacity();
        lines.add(String.format(Locale.ROOT, "  queue depth       max %,d, mean %,.1f (%s; len() sampled every %s, %,d samples)",
                maxDepth(), meanDepth(), capacity, formatNanos(s.sampleInterval().toNanos()), samples.size()));
        lines.add("  latency, send() called -> received:  " + percentiles(sinceSendCalled));
        lines.add("  latency, scheduled     -> received:  " + percentiles(sinceScheduled)
                + (s.producerRate() == 0 ? "  (unpaced: same as above)" : ""));
        return lines;
    }

    /** "p50 1.20 ms  p90 ...  max ..." for a histogram, or "no messages". */
    static String percentiles(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return "no messages";
        }
        StringBuilder text = new StringBuilder();
        for (double p : PERCENTILES) {
            text.append(String.format(Locale.ROOT, "p%s %s  ", trimZero(p), formatNanos(histogram.getValueAtPercentile(p))));
        }
        return text.append("max ").append(formatNanos(histogram.getMaxValue())).toString();
    }

    /** Nanoseconds in the largest unit that keeps them >= 1, 3 significant digits: "850 ns", "12.3 us", "7.91 ms". */
    static String formatNanos(long nanos) {
        if (nanos < 1_000) {
            return nanos + " ns";
        }
        if (nanos < 1_000_000) {
            return threeDigits(nanos / 1e3) + " us";
        }
        if (nanos < 1_000_000_000) {
            return threeDigits(nanos / 1e6) + " ms";
        }
        return threeDigits(nanos / 1e9) + " s";
    }

    private static String threeDigits(double value) {
        int decimals = value < 10 ? 2 : value < 100 ? 1 : 0;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String trimZero(double p) {
        return p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p);
    }

    private double seconds() {
        return settings.duration().toNanos() / 1e9;
    }
}
