package dev.sluice.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WholeRun: the whole-run harness in crossbeam's shape, next to JMH: Sluice, the JDK's
 * queues, the stronger anchors (LMAX Disruptor, JCTools), Jox (on JDK 21+) and Rust's std channel
 * ({@code benchmarks/rust}) in the same run, printed as Markdown tables per JDK.
 *
 * <pre>
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl benchmarks -am package -DskipTests   # with Jox
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.WholeRun quick        # this JDK
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.WholeRun full \
 *      --jdk=/usr/lib/jvm/java-17-openjdk-amd64 --jdk=/usr/lib/jvm/temurin-25-jdk-amd64
 * java -cp benchmarks/target/benchmarks.jar dev.sluice.benchmarks.WholeRun cells \
 *      --jdk=/usr/lib/jvm/java-17-openjdk-amd64 --jdk=/usr/lib/jvm/temurin-25-jdk-amd64
 * </pre>
 *
 * <p>Shape (crossbeam's {@code benches/crossbeam.rs}): 5 000 000 messages per run, 100 000 for
 * rendezvous and bounded(1); 4 producers in mpsc, 4 + 4 threads in mpmc; a pre-boxed
 * {@code Integer} per message; the channel is created and the threads are started inside the
 * timed region ({@link WholeRunChild}). Each queue runs in its own JVM ({@code -Xms1g -Xmx1g}),
 * one JVM per queue, placement and round; rounds interleave the queues (and the Rust program),
 * so a burst of load on this shared machine hits every queue alike rather than one. A cell's
 * figure is the median over the rounds, shown with the min–max range and every round. CPU per
 * message is the process's CPU time (user + system, all threads) over the messages moved.
 *
 * <p>Modes (the number of rounds is fixed by the mode or {@code --rounds} before the first run):
 * <ul>
 *   <li>{@code quick} = 2 rounds, 1 warm-up run (of a fifth of the messages) per scenario;
 *       {@code full} = 5 rounds, 2 warm-ups: every {@link Scenario#ALL} cell on all cores.</li>
 *   <li>{@code cells} = 3 rounds, 1 warm-up: the bounded cells that must hold on every host:
 *       spsc/mpsc/mpmc bounded(1024) and the {@link Scenario#OVERSUBSCRIBED} cells on all cores,
 *       and spsc/mpsc/mpmc bounded(1024), spsc rendezvous and spsc bounded(1) on one CPU: the
 *       child JVM (and the Rust program) under {@code taskset -c 0}, producer and consumer sharing
 *       a core as in a container with a one-CPU quota. Without a working {@code taskset} the
 *       one-CPU cells are skipped and the header says so.</li>
 * </ul>
 * Options: {@code --jdk=JAVA_HOME} (repeatable; default the running JDK), {@code --rounds=N},
 * {@code --warmups=N}, {@code --messages=N}, {@code --slow=N}, {@code --impls=a,b}
 * ({@link Pipes} names), {@code --rust=DIR|none} (default {@code benchmarks/rust} or {@code rust}),
 * {@code --out=DIR} (default {@code benchmarks/target} if it exists, else the working directory).
 * The tables go to standard output and to {@code wholerun.md} ({@code wholerun-cells.md} in
 * {@code cells} mode) in {@code benchmarks/target} (or the working directory); the raw samples,
 * one line per run, to {@code wholerun.tsv} ({@code wholerun-cells.tsv}).
 */
public final class WholeRun {
    private WholeRun() {
    }

    /** A timed run: messages, wall and process CPU nanoseconds. */
    record Sample(long messages, long wallNanos, long cpuNanos) {
        double rate() {
            return messages * 1e9 / wallNanos;
        }

        double cpuPerMessage() {
            return (double) cpuNanos / messages;
        }
    }

    /** A JDK to run the children on. */
    record Jdk(Path home, int feature, String version) {
        String label() {
            return "JDK " + feature;
        }
    }

    /**
     * Where the children run and what they run there: {@code oneCpu} prefixes the child command
     * with {@code taskset -c 0}; {@code suffix} is appended to the runtime label of its samples.
     */
    record Placement(String name, String suffix, boolean oneCpu, List<Scenario> scenarios) {
        String runtime(String label) {
            return label + suffix;
        }
    }

    static final String RUST = "Rust std";
    static final String ONE_CPU = ", 1 CPU";

    /** The implementations every mode runs unless {@code --impls} says otherwise. */
    static final List<String> DEFAULT_IMPLS;

    static {
        List<String> impls = new ArrayList<>(List.of(Pipes.SLUICE, "ArrayBlockingQueue", "LinkedBlockingQueue",
                "LinkedTransferQueue", "SynchronousQueue", Pipes.EXCHANGER, Pipes.JOX));
        impls.addAll(Pipes.ANCHORS);
        DEFAULT_IMPLS = List.copyOf(impls);
    }

    /** The placements of a mode; {@code cells} leaves out the one-CPU placement if taskset does not work. */
    static List<Placement> placements(String mode, boolean taskset) {
        if (!mode.equals("cells")) {
            return List.of(new Placement("all cores", "", false, Scenario.ALL));
        }
        List<Scenario> cores = new ArrayList<>(List.of(Scenario.parse("spsc bounded(1024)"),
                Scenario.parse("mpsc bounded(1024)"), Scenario.parse("mpmc bounded(1024)")));
        cores.addAll(Scenario.OVERSUBSCRIBED);
        List<Placement> placements = new ArrayList<>(List.of(new Placement("all cores", "", false, cores)));
        if (taskset) {
            placements.add(new Placement("one CPU (taskset -c 0)", ONE_CPU, true, List.of(
                    Scenario.parse("spsc bounded(1024)"), Scenario.parse("mpsc bounded(1024)"),
                    Scenario.parse("mpmc bounded(1024)"), Scenario.parse("spsc rendezvous"),
                    Scenario.parse("spsc bounded(1)"))));
        }
        return placements;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 && !args[0].startsWith("--") ? args[0] : "quick";
        if (!List.of("quick", "full", "cells").contains(mode)) {
            throw new IllegalArgumentException("unknown mode " + mode + " (quick, full, cells)");
        }
        int rounds = switch (mode) {
            case "full" -> 5;
            case "cells" -> 3;
            default -> 2;
        };
        int warmups = mode.equals("full") ? 2 : 1;
        int messages = 5_000_000;
        int slow = 100_000;
        List<Jdk> jdks = new ArrayList<>();
        List<String> impls = DEFAULT_IMPLS;
        String rustOption = null;
        Path outOption = null;
        for (String arg : args) {
            String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : "";
            if (arg.startsWith("--jdk=")) {
                jdks.add(jdk(Path.of(value)));
            } else if (arg.startsWith("--rounds=")) {
                rounds = Integer.parseInt(value);
            } else if (arg.startsWith("--messages=")) {
                messages = Integer.parseInt(value);
            } else if (arg.startsWith("--slow=")) {
                slow = Integer.parseInt(value);
            } else if (arg.startsWith("--warmups=")) {
                warmups = Integer.parseInt(value);
            } else if (arg.startsWith("--impls=")) {
                impls = List.of(value.split(","));
            } else if (arg.startsWith("--rust=")) {
                rustOption = value;
            } else if (arg.startsWith("--out=")) {
                outOption = Path.of(value);
            } else if (!arg.equals(mode)) {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        if (rounds < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1");
        }
        if (jdks.isEmpty()) {
            jdks.add(jdk(Path.of(System.getProperty("java.home"))));
        }
        String loadBefore = QuickRun.loadAverage();
        long started = System.nanoTime();
        String jar = childClassPath();
        boolean taskset = Machine.tasksetWorks();
        List<Placement> placements = placements(mode, taskset);
        String placementNote = mode.equals("cells") && !taskset
                ? "one-CPU cells **skipped**: `taskset -c 0 true` did not run here (no util-linux taskset, or CPU 0 not allowed)"
                : placements.stream().map(Placement::name).reduce((a, b) -> a + "; " + b).orElse("");
        Path rust = RustBaseline.locate(rustOption);
        String rustNote = rust == null ? "not run (no benchmarks/rust directory, or --rust=none)" : RustBaseline.build(rust);
        boolean rustReady = rust != null && RustBaseline.binary(rust) != null && rustNote.startsWith("rustc");

        // key: runtime label (JDK or RUST, with the placement's suffix) + impl -> scenario name -> samples
        Map<String, Map<String, List<Sample>>> samples = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        StringBuilder raw = new StringBuilder("round\truntime\timpl\tscenario\tmessages\twall_ns\tcpu_ns\n");
        for (int round = 0; round < rounds; round++) {
            List<String> order = new ArrayList<>(impls);
            java.util.Collections.rotate(order, -round);               // a different first queue each round
            for (Placement placement : placements) {
                List<String> prefix = placement.oneCpu() ? List.of("taskset", "-c", "0") : List.of();
                for (Jdk jdk : jdks) {
                    for (String impl : order) {
                        if (impl.equals(Pipes.JOX) && (jdk.feature() < 21 || !Pipes.joxInJar())) {
                            continue;
                        }
                        List<String> scenarios = placement.scenarios().stream().filter(s -> s.supports(impl))
                                .map(Scenario::name).toList();
                        if (scenarios.isEmpty()) {
                            continue;
                        }
                        List<String> command = new ArrayList<>(prefix);
                        command.addAll(List.of(jdk.home().resolve("bin/java").toString(),
                                "-Xms1g", "-Xmx1g", "-cp", jar, WholeRunChild.class.getName(), impl,
                                String.valueOf(messages), String.valueOf(slow), String.valueOf(warmups), "1"));
                        command.addAll(scenarios);
                        String key = placement.runtime(jdk.label()) + "\t" + impl;
                        System.err.printf("round %d/%d: %s %s%n", round + 1, rounds, placement.runtime(jdk.label()), impl);
                        collect(command, key, round, samples, failures, raw);
                    }
                }
                if (rustReady) {
                    System.err.printf("round %d/%d: %s%n", round + 1, rounds, placement.runtime(RUST));
                    List<String> command = new ArrayList<>(prefix);
                    command.addAll(List.of(RustBaseline.binary(rust).toString(), "harness", String.valueOf(messages),
                            String.valueOf(slow), "1"));
                    collect(command, placement.runtime(RUST) + "\t" + RUST, round, samples, failures, raw);
                    if (placement.scenarios().stream().anyMatch(Scenario.OVERSUBSCRIBED::contains)) {
                        List<String> oversubscribed = new ArrayList<>(command);
                        oversubscribed.add("oversubscribed");
                        collect(oversubscribed, placement.runtime(RUST) + "\t" + RUST, round, samples, failures, raw);
                    }
                }
            }
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        String header = WholeRunReport.header(mode, jdks, rustNote, rounds, warmups, messages, slow, seconds,
                loadBefore, placementNote);
        StringBuilder report = new StringBuilder(header);
        for (Jdk jdk : jdks) {
            if (mode.equals("cells")) {
                for (Placement placement : placements) {
                    report.append('\n').append(WholeRunReport.holdTable(jdk, placement, samples));
                }
            } else {
                report.append('\n').append(WholeRunReport.ratioTable(jdk, samples));
            }
            report.append('\n').append(WholeRunReport.anchorTable(jdk, samples));
        }
        report.append('\n').append(WholeRunReport.everyCell(samples));
        if (!failures.isEmpty()) {
            report.append("\n**Failures:**\n\n");
            failures.forEach(f -> report.append("- ").append(f).append('\n'));
        }
        System.out.println();
        System.out.println(report);
        Path out = outOption != null ? Files.createDirectories(outOption)
                : Files.isDirectory(Path.of("benchmarks/target")) ? Path.of("benchmarks/target") : Path.of(".");
        String name = mode.equals("cells") ? "wholerun-cells" : "wholerun";
        Files.writeString(out.resolve(name + ".md"), report);
        Files.writeString(out.resolve(name + ".tsv"), raw);
        System.err.println("wrote " + out.resolve(name + ".md") + " and " + out.resolve(name + ".tsv"));
    }

    /** The class path for the child JVMs: the benchmarks jar, or this JVM's class path (tests, an IDE). */
    static String childClassPath() throws java.net.URISyntaxException {
        Path own = Path.of(WholeRun.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return own.toString().endsWith(".jar") ? own.toString() : System.getProperty("java.class.path");
    }

    /** Runs one child process and files its {@code run} lines under {@code key}. */
    private static void collect(List<String> command, String key, int round,
            Map<String, Map<String, List<Sample>>> samples, List<String> failures, StringBuilder raw)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.add(line);
            }
        }
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f.length == 5 && f[0].equals("run")) {
                samples.computeIfAbsent(key, k -> new LinkedHashMap<>()).computeIfAbsent(f[1], k -> new ArrayList<>())
                        .add(new Sample(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4])));
                raw.append(round + 1).append('\t').append(key).append('\t').append(f[1]).append('\t').append(f[2])
                        .append('\t').append(f[3]).append('\t').append(f[4]).append('\n');
            }
        }
        if (process.exitValue() != 0) {
            failures.add(key.replace('\t', ' ') + " round " + (round + 1) + ": exit " + process.exitValue()
                    + " (see standard error); cells it did not finish are shown as missing");
        }
    }

    /** The JDK at {@code home}: its feature version from the {@code release} file. */
    static Jdk jdk(Path home) throws IOException {
        String version = System.getProperty("java.version");
        Path release = home.resolve("release");
        if (Files.exists(release)) {
            for (String line : Files.readAllLines(release)) {
                if (line.startsWith("JAVA_VERSION=")) {
                    version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                }
            }
        }
        String head = version.startsWith("1.") ? version.substring(2) : version;
        int feature = Integer.parseInt(head.split("[.+-]")[0]);
        return new Jdk(home, feature, version);
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
