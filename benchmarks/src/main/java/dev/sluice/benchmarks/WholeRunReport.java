package dev.sluice.benchmarks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WholeRunReport: the Markdown of a {@link WholeRun}: a header (date, commit, JDKs, machine,
 * load), one ratio table per JDK (Sluice against the best JDK queue, Rust std and Jox, with the
 * issue-10 target of each cell) and every cell with its range and CPU per message.
 */
final class WholeRunReport {
    private WholeRunReport() {
    }

    /** A cell's medians and range over the rounds. */
    record Stats(double rate, double min, double max, double cpuPerMessage, double cores, int runs) {
        static Stats of(List<WholeRun.Sample> samples) {
            if (samples == null || samples.isEmpty()) {
                return null;
            }
            List<Double> rates = samples.stream().map(WholeRun.Sample::rate).toList();
            List<Double> cpu = samples.stream().map(WholeRun.Sample::cpuPerMessage).toList();
            List<Double> cores = samples.stream().map(s -> (double) s.cpuNanos() / s.wallNanos()).toList();
            return new Stats(WholeRun.median(rates), rates.stream().min(Double::compare).orElseThrow(),
                    rates.stream().max(Double::compare).orElseThrow(), WholeRun.median(cpu), WholeRun.median(cores),
                    samples.size());
        }

        String rateWithRange() {
            return runs == 1 ? WholeRunReport.rate(this.rate) : WholeRunReport.rate(this.rate) + " (" + WholeRunReport.rate(min) + "–" + WholeRunReport.rate(max) + ")";
        }
    }

    static String header(List<WholeRun.Jdk> jdks, String rust, int rounds, int warmups, int messages, int slow,
            long seconds, String loadBefore) {
        StringBuilder jdkLines = new StringBuilder();
        for (WholeRun.Jdk jdk : jdks) {
            jdkLines.append(jdkLines.length() == 0 ? "" : "; ").append(jdk.label()).append(" = ").append(jdk.version())
                    .append(" (").append(jdk.home()).append(')');
        }
        return "## Whole-run harness (crossbeam's shape)\n\n"
                + "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- commit: " + QuickRun.commit() + "\n"
                + "- JDKs: " + jdkLines + "\n"
                + "- Rust: " + rust + "\n"
                + "- machine: " + Runtime.getRuntime().availableProcessors() + " processors, " + QuickRun.cpuModel() + "\n"
                + "- load average (1, 5, 15 min) before: " + loadBefore + ", after: " + QuickRun.loadAverage() + "\n"
                + "- settings: " + messages + " messages per run (" + slow + " for rendezvous and bounded(1)), "
                + Scenario.THREADS + " threads; channel creation and thread start timed; " + warmups
                + " warm-up run(s) of a fifth of the messages per scenario and JVM; " + rounds
                + " interleaved rounds, one JVM per queue and round; median (min–max) over the rounds; took " + seconds + " s\n";
    }

    static String ratioTable(WholeRun.Jdk jdk, Map<String, Map<String, List<WholeRun.Sample>>> samples) {
        StringBuilder t = new StringBuilder("### " + jdk.label() + " (" + jdk.version() + "): Sluice against its peers\n\n");
        t.append("| scenario | Sluice msgs/s | CPU ns/msg | best JDK queue | JDK msgs/s | CPU ns/msg | Jox | Rust std "
                + "| × best JDK | × Rust | × Jox | target | met |\n");
        t.append("|---|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|:---:|\n");
        for (Scenario scenario : Scenario.ALL) {
            Stats sluice = stats(samples, jdk.label(), Pipes.SLUICE, scenario);
            String bestName = null;
            Stats best = null;
            for (String queue : Scenario.JDK_QUEUES) {
                Stats s = stats(samples, jdk.label(), queue, scenario);
                if (s != null && (best == null || s.rate() > best.rate())) {
                    best = s;
                    bestName = queue;
                }
            }
            Stats jox = stats(samples, jdk.label(), Pipes.JOX, scenario);
            Stats rust = stats(samples, WholeRun.RUST, WholeRun.RUST, scenario);
            double toJdk = ratio(sluice, best);
            double toRust = ratio(sluice, rust);
            double toJox = ratio(sluice, jox);
            Target target = Target.of(scenario);
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    scenario.name(), sluice == null ? "**missing**" : sluice.rateWithRange(), cpu(sluice),
                    bestName == null ? "-" : shortName(bestName), best == null ? "-" : best.rateWithRange(), cpu(best),
                    jox == null ? "-" : rate(jox.rate()), rust == null ? "-" : rate(rust.rate()),
                    times(toJdk), times(toRust), times(toJox), target.text(), target.met(toJdk, toRust, toJox)));
        }
        return t.toString();
    }

    static String everyCell(Map<String, Map<String, List<WholeRun.Sample>>> samples) {
        StringBuilder t = new StringBuilder("<details><summary>Every cell (median, min–max, CPU)</summary>\n\n");
        t.append("| runtime | impl | scenario | msgs/s | min | max | spread | CPU ns/msg | cores busy | runs |\n");
        t.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Map<String, List<WholeRun.Sample>>> e : samples.entrySet()) {
            String[] key = e.getKey().split("\t");
            for (Scenario scenario : Scenario.ALL) {
                Stats s = Stats.of(e.getValue().get(scenario.name()));
                if (s == null) {
                    continue;
                }
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %.0f %% | %s | %.2f | %d |%n",
                        key[0], key[1].equals(WholeRun.RUST) ? "std::sync" : key[1], scenario.name(), rate(s.rate()),
                        rate(s.min()), rate(s.max()), 100 * (s.max() - s.min()) / s.rate(), cpu(s), s.cores(), s.runs()));
            }
        }
        return t.append("\n</details>\n").toString();
    }

    /** The project's target for a cell. */
    record Target(String text, double jdk, double rust, double jox) {
        static Target of(Scenario s) {
            if (s.capacity() == 1024) {
                return s.shape().equals("mpmc") ? new Target("≥ 2× JDK", 2, 0, 0) : new Target("≥ 2× JDK, ≥ 1× Rust", 2, 1, 0);
            }
            if (s.capacity() == Pipes.UNBOUNDED) {
                return s.shape().equals("spsc") ? new Target("≥ 1× JDK, ≥ 1× Rust", 1, 1, 0) : new Target("≥ 1× JDK (keep lead)", 1, 0, 0);
            }
            if (s.capacity() == 0) {
                return new Target("≥ 1× JDK, ≥ 1× Jox", 1, 0, 1);
            }
            return new Target("≥ 1× JDK (keep lead)", 1, 0, 0);
        }

        String met(double toJdk, double toRust, double toJox) {
            boolean ok = meets(toJdk, jdk) && meets(toRust, rust) && meets(toJox, jox);
            return ok ? "yes" : "**no**";
        }

        private static boolean meets(double ratio, double target) {
            return target == 0 || Double.isNaN(ratio) || ratio >= target;   // a peer not measured is not judged
        }
    }

    private static Stats stats(Map<String, Map<String, List<WholeRun.Sample>>> samples, String runtime, String impl,
            Scenario scenario) {
        Map<String, List<WholeRun.Sample>> byScenario = samples.get(runtime + "\t" + impl);
        return byScenario == null ? null : Stats.of(byScenario.get(scenario.name()));
    }

    private static double ratio(Stats a, Stats b) {
        return a == null || b == null ? Double.NaN : a.rate() / b.rate();
    }

    private static String times(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String cpu(Stats s) {
        return s == null ? "-" : String.format(Locale.ROOT, s.cpuPerMessage() >= 100 ? "%.0f" : "%.1f", s.cpuPerMessage());
    }

    /** Messages per second: {@code 12.3 M} or {@code 45 k}. */
    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "-";
        }
        return perSecond >= 1e6 ? String.format(Locale.ROOT, "%.1f M", perSecond / 1e6)
                : String.format(Locale.ROOT, "%.0f k", perSecond / 1e3);
    }

    static String shortName(String queue) {
        return switch (queue) {
            case "ArrayBlockingQueue" -> "ABQ";
            case "LinkedBlockingQueue" -> "LBQ";
            case "LinkedTransferQueue" -> "LTQ";
            case "SynchronousQueue" -> "SQ";
            default -> queue;
        };
    }

}
