package dev.sluice.samples.experiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The backpressure experiment's command line: producers and consumers at chosen rates around a
 * design under test (Sluice channels of several flavors and capacities, Reactor and JDK
 * baselines), every combination of the swept options run in turn under the same load; prints a
 * summary table and writes CSV and charts (PNG and SVG) into {@code --output}.
 *
 * <pre>
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=dev.sluice.samples.experiment.BackpressureExperiment \
 *     -Dexec.args="--flavor bounded --capacity 0,1,16,256 --producer-rate 3000 --consumer-rate 4000 --duration 2s"
 * </pre>
 *
 * <p>Options with several comma-separated values are sweep axes ({@link Sweep}); the others are
 * fixed for the whole sweep. Every value is checked before anything runs: a bad one is a usage
 * error (exit code 2) with a message naming the option. See docs/experiments.md.
 */
@Command(name = "backpressure-experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Producers -> design under test -> consumers, every combination of the comma-separated "
                + "options run in turn under the same load: throughput, producer blocked time, depth over time, "
                + "latency percentiles, heap, lost messages; a summary table, CSV, and charts (PNG and SVG)."})
public final class BackpressureExperiment implements Callable<Integer> {

    // ==== Design axes ====

    @Option(names = {"-f", "--flavor"}, defaultValue = "bounded", paramLabel = "LIST",
            description = "Sluice flavors: bounded (at each --capacity), bounded:N, rendezvous, unbounded "
                    + "(default: ${DEFAULT-VALUE})")
    String flavors;

    @Option(names = {"-k", "--capacity"}, defaultValue = "64", paramLabel = "LIST",
            description = "capacities of bounded and jdk-abq, >= 0; 0 = rendezvous (default: ${DEFAULT-VALUE})")
    String capacities;

    @Option(names = "--overflow", defaultValue = "block", paramLabel = "LIST",
            description = "what a full bounded channel does: block (drop-newest, drop-oldest come with "
                    + "overflow policies in sluice-core) (default: ${DEFAULT-VALUE})")
    String overflows;

    @Option(names = {"-b", "--baseline"}, paramLabel = "LIST",
            description = "baselines in the same sweep: reactor-unbounded, reactor-create-buffer, jdk-abq")
    String baselines;

    // ==== Consumer axes ====

    @Option(names = "--consumer", defaultValue = "thread", paramLabel = "LIST",
            description = "thread (blocking recv) or flux (ChannelFlux.from, request(n)) (default: ${DEFAULT-VALUE})")
    String consumerKinds;

    @Option(names = "--request", defaultValue = "16", paramLabel = "LIST",
            description = "a flux consumer's n in request(n) (default: ${DEFAULT-VALUE})")
    String requests;

    @Option(names = "--publish-on", description = "a flux consumer subscribes through publishOn(a single thread)")
    boolean publishOn;

    // ==== Load axes ====

    @Option(names = {"-p", "--producers"}, defaultValue = "2", paramLabel = "LIST",
            description = "producer threads (default: ${DEFAULT-VALUE})")
    String producers;

    @Option(names = {"-r", "--producer-rate"}, defaultValue = "5000", paramLabel = "LIST",
            description = "msg/s per producer, or max (default: ${DEFAULT-VALUE})")
    String producerRates;

    @Option(names = {"-c", "--consumers"}, defaultValue = "1", paramLabel = "LIST",
            description = "consumers (default: ${DEFAULT-VALUE})")
    String consumers;

    @Option(names = {"-R", "--consumer-rate"}, defaultValue = "8000", paramLabel = "LIST",
            description = "msg/s per consumer at most, or max (default: ${DEFAULT-VALUE})")
    String consumerRates;

    // ==== Load shape (fixed for the sweep) ====

    @Option(names = "--arrivals", defaultValue = "constant", description = "constant or poisson (default: ${DEFAULT-VALUE})")
    String arrivals;

    @Option(names = "--stall", paramLabel = "LENGTH@AT", description = "the consumers stop for LENGTH at AT, e.g. 2s@5s")
    String stall;

    @Option(names = "--burst", paramLabel = "COUNT@AT", description = "the producers send COUNT extra messages at AT, e.g. 10000@3s")
    String burst;

    @Option(names = "--seed", defaultValue = "1", description = "seed for poisson arrivals (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = {"-d", "--duration"}, defaultValue = "3s",
            description = "how long each run produces, e.g. 300ms, 3s, 1m (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--time-scale", defaultValue = "1", paramLabel = "FACTOR",
            description = "multiplies --duration and the instants and lengths of --stall and --burst "
                    + "(0.1 = a tenth as long) (default: ${DEFAULT-VALUE})")
    double timeScale;

    // ==== Measurement and output ====

    @Option(names = "--sample-every", defaultValue = "5ms",
            description = "how often depth, in-flight, blocked producers and heap are sampled (default: ${DEFAULT-VALUE})")
    String sampleInterval;

    @Option(names = "--blocked-threshold", defaultValue = "20us",
            description = "a send() longer than this counts as blocked (default: ${DEFAULT-VALUE})")
    String blockedThreshold;

    @Option(names = {"-o", "--output"}, defaultValue = "${sys:sluice.samples.target:-target}/experiment",
            paramLabel = "DIR", description = "where CSV, charts and summary go (default: ${DEFAULT-VALUE})")
    Path output;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the experiment from the command line; exits with a non-zero status on bad options or failure. */
    public static void main(String[] args) {
        int status = commandLine().execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The picocli command line, for {@link #main} and tests. */
    static CommandLine commandLine() {
        return new CommandLine(new BackpressureExperiment());
    }

    /** The sweep the options describe; a bad value is a picocli usage error. */
    Sweep sweep() {
        try {
            if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
                throw new IllegalArgumentException("--time-scale must be positive, was " + timeScale);
            }
            LoadShape load = new LoadShape(Arrivals.parse(arrivals),
                    Optional.ofNullable(stall).map(text -> named("--stall", () -> Stall.parse(text))),
                    Optional.ofNullable(burst).map(text -> named("--burst", () -> Burst.parse(text))),
                    seed).scaled(timeScale);
            List<Baseline> baselineList = baselines == null ? List.of()
                    : SweepValues.parse("--baseline", baselines, Baseline::parse);
            return new Sweep(
                    SweepValues.parse("--flavor", flavors, BackpressureExperiment::flavorSpec),
                    SweepValues.parse("--capacity", capacities, SweepValues::capacity),
                    SweepValues.parse("--overflow", overflows, Overflow::parse),
                    baselineList,
                    SweepValues.parse("--consumer", consumerKinds, ConsumerKind::parse),
                    SweepValues.parse("--request", requests, SweepValues::count),
                    publishOn,
                    SweepValues.parse("--producers", producers, SweepValues::count),
                    SweepValues.parse("--producer-rate", producerRates, SweepValues::rate),
                    SweepValues.parse("--consumers", consumers, SweepValues::count),
                    SweepValues.parse("--consumer-rate", consumerRates, SweepValues::rate),
                    load,
                    Durations.scale(named("--duration", () -> Durations.parse(duration)), timeScale),
                    named("--sample-every", () -> Durations.parse(sampleInterval)),
                    named("--blocked-threshold", () -> Durations.parse(blockedThreshold)));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The runs the options describe, checked; a bad combination is a picocli usage error. */
    List<ExperimentSettings> runs() {
        Sweep sweep = sweep();
        try {
            return sweep.runs();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        List<ExperimentSettings> runs = runs();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long totalMillis = runs.stream().mapToLong(s -> s.duration().toMillis()).sum();
        SweepProgress progress = noProgress ? SweepProgress.NONE : new SweepProgress(totalMillis, err);
        SweepRunner.run(runs, output, out, progress);
        return 0;
    }

    /** Checks a {@code --flavor} value: {@code bounded} is kept as is (it takes the capacities). */
    private static String flavorSpec(String text) {
        if (!text.equalsIgnoreCase("bounded")) {
            ChannelFlavor.parse(text);
        }
        return text;
    }

    private static <T> T named(String option, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
