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
 * @param dropped           messages the design discarded (an overflow policy, a refused emission)
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
 * @param peakHeapBytes     the largest sampled heap in use, minus the heap after a full GC before
 *                          the run (garbage included)
 * @param retainedHeapBytes the heap after a full GC at the end of the run, backlog still buffered,
 *                          minus the same baseline: what the design held on to
 */
public record ExperimentReport(
        ExperimentSettings settings,
        long sent,
        long received,
        long receivedDuringRun,
        long dropped,
        long abandoned,
        long producerNanos,
        long sendNanos,
        long blockedNanos,
        long blockedSends,
        int depthAtEnd,
        long drainNanos,
        List<DepthSample> samples,
        Histogram sinceSendCalled,
        Histogram sinceScheduled,
        long peakHeapBytes,
        long retainedHeapBytes) {

    /** The percentiles the summary and the chart title show. */
    static final double[] PERCENTILES = {50, 90, 99, 99.9};
    /** The percentiles of the table, the CSV and the comparison chart. */
    static final double[] TAIL = {50, 99, 99.9};

    /** Messages sent that were neither received nor dropped: must be 0. */
    public long lost() {
        return sent - received - dropped;
    }

    /** The largest sampled number of messages in flight (0 if there is no sample). */
    public long maxInFlight() {
        return samples.stream().mapToLong(DepthSample::inFlight).max().orElse(0);
    }

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

    /** The summary of this run, one line per measure. */
    public List<String> summary() {
        ExperimentSettings s = settings;
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Backpressure experiment: %s, %s, %s, %s, %s",
                s.design().label(), s.describeProducers(), s.describeConsumers(), s.load(),
                formatNanos(s.duration().toNanos())));
        lines.add(String.format(Locale.ROOT, "  sent              %,d messages (%,.0f msg/s)", sent, sentPerSecond()));
        lines.add(String.format(Locale.ROOT, "  received          %,d messages (%,.0f msg/s during the run; "
                + "backlog of %,d at the end, drained in %s)", received, receivedPerSecond(), depthAtEnd,
                formatNanos(drainNanos)));
        lines.add(String.format(Locale.ROOT, "  dropped, lost     %,d dropped by the design, %,d lost", dropped, lost()));
        if (abandoned > 0) {
            lines.add(String.format(Locale.ROOT, "  abandoned         %d send(s) still blocked when the run ended "
                    + "(gave up, not counted as sent)", abandoned));
        }
        lines.add(String.format(Locale.ROOT, "  producer blocked  %.1f%% of producer time: %s in %,d sends slower than %s "
                + "(time inside send, measured per call; all sends: %s)", 100 * blockedFraction(),
                formatNanos(blockedNanos), blockedSends, formatNanos(s.blockedThreshold().toNanos()),
                formatNanos(sendNanos)));
        String capacity = s.design().capacity().isPresent() ? "capacity " + s.design().capacity().getAsInt() : "unbounded";
        lines.add(String.format(Locale.ROOT, "  depth             max %,d, mean %,.1f (%s; sampled every %s, %,d samples); "
                + "in flight max %,d", maxDepth(), meanDepth(), capacity, formatNanos(s.sampleInterval().toNanos()),
                samples.size(), maxInFlight()));
        lines.add("  latency, send() called -> received:  " + percentiles(sinceSendCalled));
        lines.add("  latency, scheduled     -> received:  " + percentiles(sinceScheduled)
                + (s.producerRate() == 0 ? "  (unpaced: same as above)" : ""));
        lines.add("  heap              peak " + formatBytes(peakHeapBytes) + " above the baseline (garbage included), "
                + "retained at the end " + formatBytes(retainedHeapBytes));
        return lines;
    }

    /** Bytes in KiB or MiB, 3 significant digits: "850 B", "12.3 KiB", "7.91 MiB". */
    static String formatBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return threeDigits(bytes / 1024.0) + " KiB";
        }
        return threeDigits(bytes / (1024.0 * 1024)) + " MiB";
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

    static String threeDigits(double value) {
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
