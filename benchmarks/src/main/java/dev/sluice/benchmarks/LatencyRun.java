package dev.sluice.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * LatencyRun: the latency table: ping-pong round trips and one-way hand-offs to a parked
 * receiver ({@link LatencyChild}) for rendezvous, bounded(1) and bounded(1024): Sluice against
 * {@code SynchronousQueue}, {@code Exchanger}, {@code LinkedTransferQueue.transfer},
 * {@code ArrayBlockingQueue}, Jox (JDK 21+ jar and JVM) and Rust's std {@code sync_channel}
 * ({@code benchmarks/rust}, binary {@code latency}), on platform threads and, on JDK 21+,
 * virtual threads; p50, p99, p99.9 and max per cell.
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl benchmarks -am package -DskipTests   # with Jox
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.LatencyRun \
 *      --jdk=/usr/lib/jvm/java-17-openjdk-amd64 --jdk=/usr/lib/jvm/temurin-25-jdk-amd64
 * </pre>
 *
 * <p>One JVM ({@code -Xms512m -Xmx512m}) per queue, JDK and round; the rounds (default 3, fixed
 * before the first run) rotate the order of the queues and include the Rust program, so a burst
 * of load hits every queue alike. A cell's figure is the median over the rounds of each
 * percentile; every round's figures are listed too. Options: {@code --jdk=JAVA_HOME} (repeatable),
 * {@code --rounds=N}, {@code --count=N} (ping-pong samples per cell, default 100 000),
 * {@code --oneway=N} (one-way samples per cell, default 20 000: each waits for the receiver to
 * park), {@code --warmup=N} (untimed messages per cell, default 20 000),
 * {@code --threads=platform,virtual}, {@code --impls=a,b}, {@code --rust=DIR|none},
 * {@code --out=DIR}. Output: standard output, {@code latency.md} and {@code latency.tsv} in
 * {@code benchmarks/target} (or the working directory).
 */
public final class LatencyRun {
    static final List<String> DEFAULT_IMPLS = List.of(Pipes.SLUICE, "SynchronousQueue", Pipes.EXCHANGER,
            "LinkedTransferQueue", "ArrayBlockingQueue", Pipes.JOX);
    static final List<String> MODES = List.of("pingpong", "oneway");
    static final List<Integer> CAPACITIES = List.of(0, 1, 1024);
    static final String RUST = "Rust std";

    private LatencyRun() {
    }

    /** One cell's percentiles in nanoseconds, for one round. */
    record Figures(int round, long count, long p50, long p99, long p999, long max) {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int count = 100_000;
        int oneway = 20_000;
        int warmup = 20_000;
        List<String> threads = List.of("platform", "virtual");
        List<String> impls = DEFAULT_IMPLS;
        List<WholeRun.Jdk> jdks = new ArrayList<>();
        String rustOption = null;
        Path outOption = null;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--jdk=")) {
                jdks.add(WholeRun.jdk(Path.of(value)));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(value);
            } else if (arg.startsWith("--count=")) {
                count = Integer.parseInt(value);
            } else if (arg.startsWith("--oneway=")) {
                oneway = Integer.parseInt(value);
            } else if (arg.startsWith("--warmup=")) {
                warmup = Integer.parseInt(value);
            } else if (arg.startsWith("--threads=")) {
                threads = List.of(value.split(","));
            } else if (arg.startsWith("--impls=")) {
                impls = List.of(value.split(","));
            } else if (arg.startsWith("--rust=")) {
                rustOption = value;
            } else if (arg.startsWith("--out=")) {
                outOption = Path.of(value);
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        if (jdks.isEmpty()) {
            jdks.add(WholeRun.jdk(Path.of(System.getProperty("java.home"))));
        }
        String loadBefore = QuickRun.loadAverage();
        long started = System.nanoTime();
        String classPath = WholeRun.childClassPath();
        Path rust = RustBaseline.locate(rustOption);
        String rustNote = rust == null ? "not run (no benchmarks/rust directory, or --rust=none)" : RustBaseline.build(rust);
        Path rustBinary = rust == null ? null : RustBaseline.latencyBinary(rust);
        boolean rustReady = rustBinary != null && rustNote.startsWith("rustc");

        // key: runtime \t impl \t mode \t capacity \t threads -> every round's figures
        Map<String, List<Figures>> figures = new LinkedHashMap<>();
        List<String> notes = new ArrayList<>();
        StringBuilder raw = new StringBuilder("round\truntime\timpl\tmode\tcapacity\tthreads\tcount\tp50_ns\tp99_ns\tp999_ns\tmax_ns\n");
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(impls);
            Collections.rotate(order, -round);
            for (WholeRun.Jdk jdk : jdks) {
                for (String impl : order) {
                    if (impl.equals(Pipes.JOX) && (jdk.feature() < 21 || !Pipes.joxInJar())) {
                        continue;
                    }
                    List<String> cells = cells(impl);
                    List<String> command = new ArrayList<>(List.of(jdk.home().resolve("bin/java").toString(),
                            "-Xms512m", "-Xmx512m", "-cp", classPath, LatencyChild.class.getName(), impl,
                            String.join(",", threads), String.valueOf(count), String.valueOf(oneway), String.valueOf(warmup)));
                    command.addAll(cells);
                    System.err.printf("round %d/%d: %s %s%n", round + 1, rounds, jdk.label(), impl);
                    collect(command, jdk.label(), impl, round, figures, notes, raw);
                }
            }
            if (rustReady) {
                System.err.printf("round %d/%d: %s%n", round + 1, rounds, RUST);
                collect(List.of(rustBinary.toString(), String.valueOf(count), String.valueOf(oneway), String.valueOf(warmup)),
                        RUST, "std::sync::mpsc", round, figures, notes, raw);
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String report = header(jdks, rustNote, rounds, count, oneway, warmup, threads, seconds, loadBefore)
                + "\n" + tables(figures) + "\n" + goals(figures) + "\n" + everyRound(figures)
                + (notes.isEmpty() ? "" : "\n**Notes and failures:**\n\n" + String.join("", notes.stream().map(n -> "- " + n + "\n").toList()));
        System.out.println();
        System.out.println(report);
        Path out = outOption != null ? Files.createDirectories(outOption)
                : Files.isDirectory(Path.of("benchmarks/target")) ? Path.of("benchmarks/target") : Path.of(".");
        Files.writeString(out.resolve("latency.md"), report);
        Files.writeString(out.resolve("latency.tsv"), raw);
        System.err.println("wrote " + out.resolve("latency.md") + " and " + out.resolve("latency.tsv"));
    }

    /** The {@code "MODE CAPACITY"} cells {@code impl} has (a variant of that capacity for one producer and one consumer). */
    static List<String> cells(String impl) {
        List<String> cells = new ArrayList<>();
        for (String mode : MODES) {
            for (int capacity : CAPACITIES) {
                if (new Scenario("spsc", capacity).supports(impl)) {
                    cells.add(mode + " " + capacity);
                }
            }
        }
        return cells;
    }

    private static void collect(List<String> command, String runtime, String impl, int round,
            Map<String, List<Figures>> figures, List<String> notes, StringBuilder raw) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!process.waitFor(30, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length == 9 && f[0].equals("lat")) {
                String key = String.join("\t", runtime, impl, f[1], f[2], f[3]);
                figures.computeIfAbsent(key, k -> new ArrayList<>()).add(new Figures(round + 1, Long.parseLong(f[4]),
                        Long.parseLong(f[5]), Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8])));
                raw.append(round + 1).append('\t').append(key);
                for (int i = 4; i < 9; i++) {
                    raw.append('\t').append(f[i]);
                }
                raw.append('\n');
            } else if (f[0].equals("skip") && round == 0) {
                notes.add(runtime + " " + impl + ": " + f[f.length - 1]);
            }
        }
        if (process.exitValue() != 0) {
            notes.add(runtime + " " + impl + " round " + (round + 1) + ": exit " + process.exitValue()
                    + " (see standard error); the cells it did not finish are missing from that round");
        }
    }

    static String header(List<WholeRun.Jdk> jdks, String rust, int rounds, int count, int oneway, int warmup,
            List<String> threads, long seconds, String loadBefore) {
        StringBuilder jdkLines = new StringBuilder();
        for (WholeRun.Jdk jdk : jdks) {
            jdkLines.append(jdkLines.length() == 0 ? "" : "; ").append(jdk.label()).append(" = ").append(jdk.version())
                    .append(" (").append(jdk.home()).append(')');
        }
        return "## Latency: ping-pong and one-way hand-off to a parked receiver\n\n"
                + "- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + "\n"
                + "- commit: " + QuickRun.commit() + "\n"
                + "- JDKs: " + jdkLines + "\n"
                + "- Rust: " + rust + "\n"
                + "- machine: " + Machine.describe() + "\n"
                + "- rounds: " + rounds + ", fixed before the first run; every round is listed below\n"
                + "- load average (1, 5, 15 min) before: " + loadBefore + ", after: " + QuickRun.loadAverage() + "\n"
                + "- settings: " + count + " ping-pong round trips and " + oneway + " one-way hand-offs per cell after "
                + warmup + " untimed; threads: " + String.join(", ", threads) + " (virtual only on JDK 21+); one-way: the"
                + " sender waits until the receiver has been parked for " + LatencyChild.SETTLE_NANOS / 1000
                + " µs (Java: Thread.getState() WAITING; Rust: /proc task state S); Java percentiles from HdrHistogram"
                + " (3 significant digits), Rust's exact from the sorted samples; medians over the rounds; took "
                + seconds + " s\n";
    }

    /** Per runtime, mode and thread kind: every queue's median percentiles in microseconds. */
    static String tables(Map<String, List<Figures>> figures) {
        Map<String, StringBuilder> tables = new LinkedHashMap<>();
        for (Map.Entry<String, List<Figures>> e : figures.entrySet()) {
            String[] k = e.getKey().split("\t");
            String title = "### " + k[0] + ": " + (k[2].equals("pingpong") ? "ping-pong round trip" : "one-way hand-off to a parked receiver")
                    + ", " + k[4] + " threads (µs)";
            StringBuilder t = tables.computeIfAbsent(title, x -> new StringBuilder(x + "\n\n"
                    + "| capacity | impl | p50 | p99 | p99.9 | max | rounds |\n|---|---|---:|---:|---:|---:|---:|\n"));
            List<Figures> f = e.getValue();
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d |%n", Pipes.describe(Integer.parseInt(k[3])),
                    Pipes.label(k[1]), micros(median(f, Figures::p50)), micros(median(f, Figures::p99)),
                    micros(median(f, Figures::p999)), micros(median(f, Figures::max)), f.size()));
        }
        StringBuilder all = new StringBuilder();
        tables.values().forEach(t -> all.append(t).append('\n'));
        return all.toString();
    }

    /**
     * The ping-pong goal: Sluice's p99 at or below {@code SynchronousQueue}'s (rendezvous) and
     * Jox's (same capacity), per JDK and thread kind.
     */
    static String goals(Map<String, List<Figures>> figures) {
        StringBuilder t = new StringBuilder("### Ping-pong p99: Sluice against SynchronousQueue and Jox (goal: at or below)\n\n"
                + "| runtime | threads | capacity | peer | Sluice p99 µs | peer p99 µs | met |\n|---|---|---|---|---:|---:|:---:|\n");
        for (Map.Entry<String, List<Figures>> e : figures.entrySet()) {
            String[] k = e.getKey().split("\t");
            if (!k[1].equals(Pipes.SLUICE) || !k[2].equals("pingpong")) {
                continue;
            }
            for (String peer : List.of("SynchronousQueue", Pipes.JOX)) {
                List<Figures> p = figures.get(String.join("\t", k[0], peer, k[2], k[3], k[4]));
                if (p == null) {
                    continue;
                }
                long sluice = median(e.getValue(), Figures::p99);
                long other = median(p, Figures::p99);
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |%n", k[0], k[4],
                        Pipes.describe(Integer.parseInt(k[3])), Pipes.label(peer), micros(sluice), micros(other),
                        sluice <= other ? "yes" : "**no**"));
            }
        }
        return t.toString();
    }

    static String everyRound(Map<String, List<Figures>> figures) {
        StringBuilder t = new StringBuilder("<details><summary>Every round (µs)</summary>\n\n"
                + "| runtime | impl | mode | capacity | threads | round | samples | p50 | p99 | p99.9 | max |\n"
                + "|---|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, List<Figures>> e : figures.entrySet()) {
            String[] k = e.getKey().split("\t");
            for (Figures f : e.getValue()) {
                t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %s | %s | %s | %s |%n", k[0], k[1], k[2],
                        Pipes.describe(Integer.parseInt(k[3])), k[4], f.round(), f.count(), micros(f.p50()), micros(f.p99()),
                        micros(f.p999()), micros(f.max())));
            }
        }
        return t.append("\n</details>\n").toString();
    }

    private static long median(List<Figures> figures, java.util.function.ToLongFunction<Figures> field) {
        return (long) WholeRun.median(figures.stream().map(f -> (double) field.applyAsLong(f)).toList());
    }

    static String micros(long nanos) {
        double us = nanos / 1000.0;
        return String.format(Locale.ROOT, us >= 100 ? "%.0f" : us >= 10 ? "%.1f" : "%.2f", us);
    }
}
