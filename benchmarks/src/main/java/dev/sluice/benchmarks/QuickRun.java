package dev.sluice.benchmarks;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * QuickRun: the few-minute benchmark run that prints Markdown tables of messages per second with
 * their ratios to the best JDK baseline.
 *
 * <pre>
 * ./mvnw -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.QuickRun          # core, bridge, inflight
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.QuickRun core     # one suite
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.QuickRun anchors  # not in the default run
 * </pre>
 *
 * <p>Suites: {@code core} (every cell of {@link Rendezvous}, {@link Bounded1},
 * {@link Bounded1024}, {@link Unbounded}, with JMH's GC profiler for bytes allocated per message),
 * {@code bridge} ({@code BridgeBenchmark}, every path, Reactor's {@code Flux.range} ceiling
 * included), {@code inflight} (peak items in flight behind a slow subscriber, not JMH) and, only
 * when named, {@code anchors} ({@link Anchors1024} and {@link Anchors1024Mpsc}: bounded(1024)
 * against the LMAX Disruptor and JCTools). Each JMH cell gets one fork of
 * {@code quick.warmup} × 1 s warm-up and {@code quick.iterations} × 1 s measurement (system
 * properties, default 2 and 3): about 6 s a cell, 4–5 minutes for the 41 core cells. That is a
 * smoke-level measurement: the ± column is JMH's 99.9% interval over 3 iterations, wide on
 * purpose. For publishable numbers run the jar's JMH main with its default settings (3 forks,
 * 5 + 10 iterations).
 *
 * <p>Output: the tables go to standard output and to {@code quick-<suite>.md} (and JMH's JSON to
 * {@code quick-<suite>.json}) in {@code quick.out}, default {@code benchmarks/target} if it exists,
 * else the working directory. The header records date, JDK, processors, CPU model, commit and
 * load average, because on a shared machine the load explains most of the variance.
 */
public final class QuickRun {
    private static final int WARMUP = Integer.getInteger("quick.warmup", 2);
    private static final int ITERATIONS = Integer.getInteger("quick.iterations", 3);

    private static final List<String> CAPACITY_ORDER = List.of("Rendezvous", "Bounded1", "Bounded1024", "Unbounded");
    private static final List<String> SHAPE_ORDER = List.of("seq", "spsc", "mpsc", "mpmc");

    private QuickRun() {
    }

    public static void main(String[] args) throws Exception {
        List<String> suites = args.length == 0 ? List.of("core", "bridge", "inflight") : List.of(args);
        Path out = outputDirectory();
        for (String suite : suites) {
            long started = System.nanoTime();
            String loadBefore = loadAverage();
            String table = switch (suite) {
                case "core" -> coreTable(runJmh("core", out, "dev\\.sluice\\.benchmarks\\.(Rendezvous|Bounded1|Bounded1024|Unbounded)\\.", true));
                case "bridge" -> BridgeReport.table(runJmh("bridge", out, "dev\\.sluice\\.benchmarks\\.BridgeBenchmark\\.", false));
                case "anchors" -> anchorsTable(runJmh("anchors", out, "dev\\.sluice\\.benchmarks\\.Anchors1024(Mpsc)?\\.", true));
                case "inflight" -> InFlightProbe.table();
                default -> throw new IllegalArgumentException("unknown suite " + suite + " (core, bridge, inflight, anchors)");
            };
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            String report = header(suite, seconds, loadBefore) + "\n" + table;
            System.out.println();
            System.out.println(report);
            Files.writeString(out.resolve("quick-" + suite + ".md"), report, StandardCharsets.UTF_8);
        }
    }

    private static Path outputDirectory() throws IOException {
        String configured = System.getProperty("quick.out");
        Path dir = configured != null ? Path.of(configured)
                : Files.isDirectory(Path.of("benchmarks", "target")) ? Path.of("benchmarks", "target") : Path.of(".");
        Files.createDirectories(dir);
        return dir;
    }

    private static Collection<RunResult> runJmh(String suite, Path out, String include, boolean gc)
            throws RunnerException {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(WARMUP)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(ITERATIONS)
                .measurementTime(TimeValue.seconds(1))
                .timeout(TimeValue.seconds(60))
                .resultFormat(ResultFormatType.JSON)
                .result(out.resolve("quick-" + suite + ".json").toString());
        if (gc) {
            options.addProfiler(GCProfiler.class);
        }
        return new Runner(options.build()).run();
    }

    // ==== Core table ====

    /** One measured cell. */
    record Cell(String capacity, String shape, String impl, double score, double error, double bytesPerMessage) {
        boolean isSluice() {
            return impl.equals(Pipes.SLUICE);
        }
    }

    static Cell cell(RunResult result) {
        String benchmark = result.getParams().getBenchmark();          // dev.sluice.benchmarks.Bounded1.spsc
        String[] parts = benchmark.split("\\.");
        String capacity = parts[parts.length - 2];
        String shape = parts[parts.length - 1];
        Result<?> primary = result.getPrimaryResult();
        double bytes = Double.NaN;
        for (String label : result.getSecondaryResults().keySet()) {
            if (label.endsWith("gc.alloc.rate.norm")) {
                Result<?> allocation = result.getSecondaryResults().get(label);
                bytes = allocation.getScore();
            }
        }
        return new Cell(capacity, shape, result.getParams().getParam("impl"), primary.getScore(),
                primary.getScoreError(), bytes);
    }

    /** The summary (Sluice against the best JDK queue per cell), then every measurement. */
    static String coreTable(Collection<RunResult> results) {
        List<Cell> cells = new ArrayList<>();
        for (RunResult result : results) {
            cells.add(cell(result));
        }
        cells.sort(Comparator.comparing((Cell c) -> CAPACITY_ORDER.indexOf(c.capacity()))
                .thenComparing(c -> SHAPE_ORDER.indexOf(c.shape()))
                .thenComparing(c -> c.isSluice() ? "" : c.impl()));
        Map<String, List<Cell>> byCell = new LinkedHashMap<>();
        for (Cell c : cells) {
            byCell.computeIfAbsent(c.capacity() + "." + c.shape(), k -> new ArrayList<>()).add(c);
        }

        for (Cell missing : missingCells(cells)) {
            byCell.computeIfAbsent(missing.capacity() + "." + missing.shape(), k -> new ArrayList<>()).add(missing);
        }

        StringBuilder summary = new StringBuilder();
        summary.append("| capacity | shape | Sluice msgs/s | best JDK queue | JDK msgs/s | ratio | target | met | Sluice B/msg |\n");
        summary.append("|---|---|---:|---|---:|---:|---:|:---:|---:|\n");
        StringBuilder detail = new StringBuilder();
        detail.append("| capacity | shape | impl | msgs/s | ± (99.9%) | B/msg | ratio to best JDK |\n");
        detail.append("|---|---|---|---:|---:|---:|---:|\n");
        for (List<Cell> group : byCell.values()) {
            Cell sluice = group.stream().filter(Cell::isSluice).findFirst().orElse(null);
            Cell bestJdk = group.stream().filter(c -> !c.isSluice() && !Double.isNaN(c.score()))
                    .max(Comparator.comparingDouble(Cell::score)).orElse(null);
            for (Cell c : group) {
                if (Double.isNaN(c.score())) {
                    detail.append(String.format(Locale.ROOT, "| %s | %s | %s | **failed** (see the JMH log) | | | |%n",
                            label(c.capacity()), c.shape(), c.impl()));
                    continue;
                }
                detail.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n",
                        label(c.capacity()), c.shape(), c.impl(), rate(c.score()), rate(c.error()),
                        bytes(c.bytesPerMessage()), bestJdk == null ? "-" : ratio(c.score() / bestJdk.score())));
            }
            if (sluice != null && Double.isNaN(sluice.score())) {
                summary.append(String.format(Locale.ROOT, "| %s | %s | **failed** | %s | %s | | %s× | **no** | |%n",
                        label(sluice.capacity()), sluice.shape(), bestJdk == null ? "-" : bestJdk.impl(),
                        bestJdk == null ? "-" : rate(bestJdk.score()), trim(target(sluice.capacity()))));
            } else if (sluice != null && bestJdk != null) {
                double ratio = sluice.score() / bestJdk.score();
                double target = target(sluice.capacity());
                summary.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s× | %s | %s |%n",
                        label(sluice.capacity()), sluice.shape(), rate(sluice.score()), bestJdk.impl(),
                        rate(bestJdk.score()), ratio(ratio), trim(target), ratio >= target ? "yes" : "**no**",
                        bytes(sluice.bytesPerMessage())));
            }
        }
        return "### Sluice against the best JDK queue of the same shape\n\n" + summary
                + "\nTargets: 2× in bounded(1024) and unbounded cells, 1.5× in rendezvous and"
                + " bounded(1) cells, 0 B/msg for bounded flavors.\n\n### Every cell\n\n" + detail;
    }

    /**
     * The cells that were expected (every {@code @Benchmark} method of every capacity class, for
     * every value of its {@code impl} parameter) but produced no result, with a NaN score.
     */
    private static List<Cell> missingCells(List<Cell> measured) {
        List<Cell> missing = new ArrayList<>();
        for (Class<?> capacityClass : List.of(Rendezvous.class, Bounded1.class, Bounded1024.class, Unbounded.class)) {
            String[] impls;
            try {
                impls = capacityClass.getField("impl").getAnnotation(Param.class).value();
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
            for (Method method : capacityClass.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(Benchmark.class)) {
                    continue;
                }
                for (String impl : impls) {
                    String capacity = capacityClass.getSimpleName();
                    boolean found = measured.stream().anyMatch(c -> c.capacity().equals(capacity)
                            && c.shape().equals(method.getName()) && c.impl().equals(impl));
                    if (!found) {
                        missing.add(new Cell(capacity, method.getName(), impl, Double.NaN, Double.NaN, Double.NaN));
                    }
                }
            }
        }
        missing.sort(Comparator.comparing((Cell c) -> SHAPE_ORDER.indexOf(c.shape())));
        return missing;
    }

    /** Sluice against every anchor of the same shape, with the goals of the spsc and mpsc cells. */
    static String anchorsTable(Collection<RunResult> results) {
        List<Cell> cells = new ArrayList<>();
        for (RunResult result : results) {
            cells.add(cell(result));
        }
        cells.sort(Comparator.comparing((Cell c) -> SHAPE_ORDER.indexOf(c.shape())).thenComparing(c -> c.isSluice() ? "" : c.impl()));
        StringBuilder t = new StringBuilder("### bounded(1024) against the Disruptor and JCTools\n\n");
        t.append("| shape | impl | msgs/s | ± (99.9%) | B/msg | Sluice ÷ impl | goal | met |\n|---|---|---:|---:|---:|---:|---|:---:|\n");
        for (Cell c : cells) {
            Cell sluice = cells.stream().filter(x -> x.isSluice() && x.shape().equals(c.shape())).findFirst().orElse(null);
            double goal = WholeRunReport.anchorGoal(new Scenario(c.shape(), 1024), c.impl());
            double toImpl = sluice == null || c.isSluice() ? Double.NaN : sluice.score() / c.score();
            String met = Double.isNaN(goal) ? "" : Double.isNaN(toImpl) ? "**Sluice missing**" : toImpl >= goal ? "yes" : "**no**";
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", c.shape(), c.impl(), rate(c.score()),
                    rate(c.error()), bytes(c.bytesPerMessage()), Double.isNaN(toImpl) ? "" : ratio(toImpl),
                    Double.isNaN(goal) ? "" : "≥ " + goal + "×", met));
        }
        return t.append("\n`*-spin` never parks: a ceiling, not a peer.\n").toString();
    }

    private static double target(String capacity) {
        return capacity.equals("Bounded1024") || capacity.equals("Unbounded") ? 2.0 : 1.5;
    }

    private static String label(String capacityClass) {
        return switch (capacityClass) {
            case "Rendezvous" -> "rendezvous";
            case "Bounded1" -> "bounded(1)";
            case "Bounded1024" -> "bounded(1024)";
            case "Unbounded" -> "unbounded";
            default -> capacityClass;
        };
    }

    // ==== Formatting, shared with BridgeReport ====

    /** Messages per second in millions, e.g. {@code 12.3 M}. */
    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2f M", perSecond / 1e6);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    private static String bytes(double b) {
        return Double.isNaN(b) ? "-" : String.format(Locale.ROOT, "%.1f", b);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    /** Date, JDK, machine, commit and load, as the header of a results table. */
    static String header(String suite, long seconds, String loadBefore) {
        return "## Quick run: " + suite + "\n\n"
                + "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- JDK: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version") + "\n"
                + "- machine: " + Machine.describe() + "\n"
                + "- commit: " + commit() + "\n"
                + "- load average (1, 5, 15 min) before: " + loadBefore + ", after: " + loadAverage() + "\n"
                + (suite.equals("inflight") ? "- one run per path, not JMH;"
                        : "- settings: 1 fork, " + WARMUP + " × 1 s warm-up, " + ITERATIONS + " × 1 s measurement per cell;")
                + " took " + seconds + " s\n";
    }

    static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String hash = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (git.waitFor(5, TimeUnit.SECONDS) && git.exitValue() == 0) {
                Process status = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=no")
                        .redirectErrorStream(true).start();
                boolean dirty = status.getInputStream().readAllBytes().length > 0;
                status.waitFor(5, TimeUnit.SECONDS);
                return hash + (dirty ? " (work tree has uncommitted changes)" : "");
            }
        } catch (IOException | RuntimeException e) {
            // no git
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
