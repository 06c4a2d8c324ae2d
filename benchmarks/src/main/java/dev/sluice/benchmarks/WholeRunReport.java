package dev.sluice.benchmarks;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * WholeRunReport: the Markdown of a {@link WholeRun}: a header (date, commit, JDKs, machine,
 * rounds, load); per JDK either the ratio table (Sluice against the best JDK queue, Rust std and
 * Jox, with the earlier target of each cell) or, in {@code cells} mode, one table per placement
 * judging Sluice against {@code ArrayBlockingQueue} (throughput, CPU per message, spread); the
 * anchors table (Sluice against the Disruptor and JCTools); and every cell with every round.
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

    static String header(String mode, List<WholeRun.Jdk> jdks, String rust, int rounds, int warmups, int messages,
            int slow, long seconds, String loadBefore, String placements) {
        StringBuilder jdkLines = new StringBuilder();
        for (WholeRun.Jdk jdk : jdks) {
            jdkLines.append(jdkLines.length() == 0 ? "" : "; ").append(jdk.label()).append(" = ").append(jdk.version())
                    .append(" (").append(jdk.home()).append(')');
        }
        return "## Whole-run harness (crossbeam's shape), mode " + mode + "\n\n"
                + "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- commit: " + QuickRun.commit() + "\n"
                + "- JDKs: " + jdkLines + "\n"
                + "- Rust: " + rust + "\n"
                + "- machine: " + Machine.describe() + "\n"
                + "- rounds: " + rounds + ", fixed before the first run; every run of every round is listed below\n"
                + "- placements: " + placements + "\n"
                + "- load average (1, 5, 15 min) before: " + loadBefore + ", after: " + QuickRun.loadAverage() + "\n"
                + "- settings: " + messages + " messages per run (" + slow + " for rendezvous and bounded(1)), "
                + Scenario.THREADS + " threads; channel creation and thread start timed; " + warmups
                + " warm-up run(s) of a fifth of the messages per scenario and JVM; " + rounds
                + " interleaved rounds, one JVM per queue, placement and round; median (min–max) over the rounds; took "
                + seconds + " s\n"
                + "- CPU time: the child process's user + system time (Java: OperatingSystemMXBean.getProcessCpuTime,"
                + " Rust: /proc/self/stat), counted in clock ticks (10 ms on Linux): a run shorter than about a second"
                + " carries that error in its CPU per message\n";
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
                    bestName == null ? "-" : Pipes.label(bestName), best == null ? "-" : best.rateWithRange(), cpu(best),
                    jox == null ? "-" : rate(jox.rate()), rust == null ? "-" : rate(rust.rate()),
                    times(toJdk), times(toRust), times(toJox), target.text(), target.met(toJdk, toRust, toJox)));
        }
        return t.toString();
    }

    static String everyCell(Map<String, Map<String, List<WholeRun.Sample>>> samples) {
        StringBuilder t = new StringBuilder("<details><summary>Every cell (median, min–max, CPU, every round)</summary>\n\n");
        t.append("| runtime | impl | scenario | msgs/s | min | max | spread | CPU ns/msg (min–max) | cores busy | runs "
                + "| every round (msgs/s) |\n");
        t.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map.Entry<String, Map<String, List<WholeRun.Sample>>> e : samples.entrySet()) {
            String[] key = e.getKey().split("\t");
            for (String scenario : e.getValue().keySet()) {
                List<WholeRun.Sample> runs = e.getValue().get(scenario);
                Stats s = Stats.of(runs);
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s | %.2f | %d | %s |%n",
                        key[0], key[1].equals(WholeRun.RUST) ? "std::sync" : key[1], scenario, rate(s.rate()),
                        rate(s.min()), rate(s.max()), spread(s), cpuRange(runs), s.cores(), s.runs(), everyRound(runs)));
            }
        }
        return t.append("\n</details>\n").toString();
    }

    /**
     * A {@code cells}-mode table for one JDK and placement: every queue in every cell, then Sluice
     * judged against {@code ArrayBlockingQueue} (or, where it has no variant, the best JDK queue):
     * at least its throughput, at most its CPU per message, a spread no wider than its.
     */
    static String holdTable(WholeRun.Jdk jdk, WholeRun.Placement placement,
            Map<String, Map<String, List<WholeRun.Sample>>> samples) {
        String runtime = placement.runtime(jdk.label());
        StringBuilder t = new StringBuilder("### " + jdk.label() + " (" + jdk.version() + "), " + placement.name() + "\n\n");
        t.append("| scenario | impl | msgs/s | min–max | spread | CPU ns/msg (min–max) | cores busy | every round (msgs/s) |\n");
        t.append("|---|---|---:|---:|---:|---:|---:|---|\n");
        StringBuilder judge = new StringBuilder("| scenario | peer | × throughput | × CPU/msg | spread Sluice / peer | "
                + "goal (≥ 1×, ≤ 1×, ≤ peer's spread) |\n|---|---|---:|---:|---:|:---:|\n");
        String rustRuntime = placement.runtime(WholeRun.RUST);
        for (Scenario scenario : placement.scenarios()) {
            for (Map.Entry<String, Map<String, List<WholeRun.Sample>>> e : samples.entrySet()) {
                String[] key = e.getKey().split("\t");
                if (!key[0].equals(runtime) && !key[0].equals(rustRuntime)) {
                    continue;
                }
                List<WholeRun.Sample> runs = e.getValue().get(scenario.name());
                Stats s = Stats.of(runs);
                if (s == null) {
                    continue;
                }
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s–%s | %s | %s | %.2f | %s |%n", scenario.name(),
                        key[1].equals(WholeRun.RUST) ? "Rust std::sync" : Pipes.label(key[1]), rate(s.rate()), rate(s.min()),
                        rate(s.max()), spread(s), cpuRange(runs), s.cores(), everyRound(runs)));
            }
            Stats sluice = stats(samples, runtime, Pipes.SLUICE, scenario);
            String peerName = scenario.supports("ArrayBlockingQueue") ? "ArrayBlockingQueue" : null;
            Stats peer = peerName == null ? null : stats(samples, runtime, peerName, scenario);
            if (peer == null) {
                for (String queue : Scenario.JDK_QUEUES) {
                    Stats q = stats(samples, runtime, queue, scenario);
                    if (q != null && (peer == null || q.rate() > peer.rate())) {
                        peer = q;
                        peerName = queue;
                    }
                }
            }
            if (sluice == null || peer == null) {
                judge.append("| ").append(scenario.name()).append(" | ").append(peerName == null ? "-" : Pipes.label(peerName))
                        .append(" | - | - | - | ").append(sluice == null ? "**Sluice missing**" : "peer missing").append(" |\n");
                continue;
            }
            double throughput = sluice.rate() / peer.rate();
            double cpu = sluice.cpuPerMessage() / peer.cpuPerMessage();
            double sluiceSpread = (sluice.max() - sluice.min()) / sluice.rate();
            double peerSpread = (peer.max() - peer.min()) / peer.rate();
            boolean met = throughput >= 1 && cpu <= 1 && sluiceSpread <= peerSpread;
            judge.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s / %s | %s |%n", scenario.name(),
                    Pipes.label(peerName), times(throughput), times(cpu), spread(sluice), spread(peer), met ? "yes" : "**no**"));
        }
        return t.append("\nSluice against the JDK peer, medians over the rounds:\n\n").append(judge).toString();
    }

    /**
     * Sluice against the stronger anchors in the bounded(1024) cells on all cores, with the goals:
     * at least the Disruptor with {@code BlockingWaitStrategy} (single-producer in spsc,
     * multi-producer in mpsc), within 2× of the spinning JCTools ceiling in spsc.
     */
    static String anchorTable(WholeRun.Jdk jdk, Map<String, Map<String, List<WholeRun.Sample>>> samples) {
        StringBuilder t = new StringBuilder("### " + jdk.label() + ", all cores: Sluice against the Disruptor and JCTools\n\n");
        t.append("| scenario | Sluice msgs/s | anchor | anchor msgs/s (min–max) | anchor CPU ns/msg | Sluice ÷ anchor | goal | met |\n");
        t.append("|---|---:|---|---:|---:|---:|---|:---:|\n");
        boolean any = false;
        for (String name : List.of("spsc bounded(1024)", "mpsc bounded(1024)", "mpmc bounded(1024)")) {
            Scenario scenario = Scenario.parse(name);
            Stats sluice = stats(samples, jdk.label(), Pipes.SLUICE, scenario);
            for (String anchor : Pipes.ANCHORS) {
                Stats a = stats(samples, jdk.label(), anchor, scenario);
                if (a == null) {
                    continue;
                }
                any = true;
                double ratio = ratio(sluice, a);
                double goal = anchorGoal(scenario, anchor);
                String goalText = Double.isNaN(goal) ? "-" : "≥ " + String.format(Locale.ROOT, "%.1f", goal) + "×";
                String met = Double.isNaN(goal) ? "" : Double.isNaN(ratio) ? "**Sluice missing**" : ratio >= goal ? "yes" : "**no**";
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", name,
                        sluice == null ? "**missing**" : rate(sluice.rate()), anchor, a.rateWithRange(), cpu(a), times(ratio),
                        goalText, met));
            }
        }
        if (!any) {
            t.append("| (no anchor ran: pass none of them to --impls to skip this table) | | | | | | | |\n");
        }
        return t.append("\n`*-spin` never parks (a ceiling, not a peer); `*-yielding` never parks either.\n").toString();
    }

    /** The goal of Sluice ÷ {@code anchor} in {@code scenario}, or NaN where none is set. */
    static double anchorGoal(Scenario scenario, String anchor) {
        return switch (scenario.shape() + " " + anchor) {
            case "spsc " + Pipes.DISRUPTOR_SP_BLOCKING, "mpsc " + Pipes.DISRUPTOR_MP_BLOCKING -> 1.0;
            case "spsc " + Pipes.JCTOOLS_SPSC_SPIN -> 0.5;
            default -> Double.NaN;
        };
    }

    private static String spread(Stats s) {
        return String.format(Locale.ROOT, "%.0f %%", 100 * (s.max() - s.min()) / s.rate());
    }

    /** Median CPU per message with its range over the runs. */
    private static String cpuRange(List<WholeRun.Sample> runs) {
        List<Double> cpu = runs.stream().map(WholeRun.Sample::cpuPerMessage).toList();
        double min = cpu.stream().min(Double::compare).orElseThrow();
        double max = cpu.stream().max(Double::compare).orElseThrow();
        String median = number(WholeRun.median(cpu));
        return runs.size() == 1 ? median : median + " (" + number(min) + "–" + number(max) + ")";
    }

    /** Every run's rate, in round order. */
    private static String everyRound(List<WholeRun.Sample> runs) {
        return String.join(", ", runs.stream().map(r -> rate(r.rate())).toList());
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.1f", v);
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

    static Stats stats(Map<String, Map<String, List<WholeRun.Sample>>> samples, String runtime, String impl,
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

}
