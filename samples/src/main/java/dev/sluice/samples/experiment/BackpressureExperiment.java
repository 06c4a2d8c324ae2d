package dev.sluice.samples.experiment;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The backpressure experiment's command line: producers and consumers at chosen rates around a
 * channel of a chosen flavor; prints throughput, producer blocked time, queue depth and latency
 * percentiles, and draws them in a PNG chart.
 *
 * <pre>
 * ./mvnw -B -q -pl samples exec:java -Dexec.mainClass=dev.sluice.samples.experiment.BackpressureExperiment \
 *     -Dexec.args="--producers 2 --producer-rate 5000 --consumer-rate 8000 --flavor bounded:64 --duration 3s"
 * </pre>
 *
 * <p>Things to try: the same rates on {@code unbounded} (the depth and the latency in the channel
 * grow for as long as the run lasts, the producers never block) against {@code bounded:64} (the
 * depth stops at 64, the producers block instead, latency in the channel stays flat) and
 * {@code rendezvous} (no buffer: every send waits for the consumer).
 */
@Command(name = "backpressure-experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Producers -> channel -> consumers at chosen rates: throughput, producer blocked time, "
                + "queue depth over time and latency percentiles, printed and drawn in a PNG chart.")
public final class BackpressureExperiment implements Callable<Integer> {

    @Option(names = {"-p", "--producers"}, defaultValue = "2", description = "producer threads (default: ${DEFAULT-VALUE})")
    int producers;

    @Option(names = {"-r", "--producer-rate"}, defaultValue = "5000",
            description = "messages per second per producer, 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double producerRate;

    @Option(names = {"-c", "--consumers"}, defaultValue = "1", description = "consumer threads (default: ${DEFAULT-VALUE})")
    int consumers;

    @Option(names = {"-R", "--consumer-rate"}, defaultValue = "8000",
            description = "messages per second per consumer at most, 0 = as fast as possible (default: ${DEFAULT-VALUE})")
    double consumerRate;

    @Option(names = {"-f", "--flavor"}, defaultValue = "bounded:64", converter = FlavorConverter.class,
            description = "rendezvous, bounded:N or unbounded (default: ${DEFAULT-VALUE})")
    ChannelFlavor flavor;

    @Option(names = {"-d", "--duration"}, defaultValue = "3s", converter = DurationConverter.class,
            description = "how long the producers produce, e.g. 300ms, 3s, 1m (default: ${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--sample-every", defaultValue = "5ms", converter = DurationConverter.class,
            description = "how often len() and the producers' states are sampled (default: ${DEFAULT-VALUE})")
    Duration sampleInterval;

    @Option(names = "--blocked-threshold", defaultValue = "20us", converter = DurationConverter.class,
            description = "a send() longer than this counts as blocked (default: ${DEFAULT-VALUE})")
    Duration blockedThreshold;

    @Option(names = {"-o", "--chart"}, defaultValue = "${sys:sluice.samples.target:-target}/backpressure.png",
            description = "where to write the PNG chart (default: ${DEFAULT-VALUE})")
    Path chart;

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
        return new CommandLine(new BackpressureExperiment()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    /** The settings the options describe. */
    ExperimentSettings settings() {
        try {
            return new ExperimentSettings(producers, producerRate, consumers, consumerRate, flavor,
                    duration, sampleInterval, blockedThreshold);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    @Override
    public Integer call() throws Exception {
        ExperimentSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        out.println("Running for " + ExperimentReport.formatNanos(settings.duration().toNanos()) + " ...");
        out.flush();
        ExperimentReport report = ExperimentRun.run(settings);
        BackpressureChart.write(report, chart);
        report.summary().forEach(out::println);
        out.println("  chart             " + chart);
        out.flush();
        return 0;
    }

    /** Parses {@link ChannelFlavor#parse} syntax for picocli. */
    static final class FlavorConverter implements CommandLine.ITypeConverter<ChannelFlavor> {
        @Override
        public ChannelFlavor convert(String value) {
            try {
                return ChannelFlavor.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Parses {@code 250us}, {@code 300ms}, {@code 3s}, {@code 1m}, or ISO-8601 ({@code PT3S}). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        private static final Pattern AMOUNT = Pattern.compile("(\\d+)\\s*(ns|us|ms|s|m)");

        @Override
        public Duration convert(String value) {
            String text = value.trim().toLowerCase(Locale.ROOT);
            Matcher m = AMOUNT.matcher(text);
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                switch (m.group(2)) {
                    case "ns": return Duration.ofNanos(amount);
                    case "us": return Duration.ofNanos(amount * 1_000);
                    case "ms": return Duration.ofMillis(amount);
                    case "s": return Duration.ofSeconds(amount);
                    default: return Duration.ofMinutes(amount);
                }
            }
            try {
                return Duration.parse(value.trim());
            } catch (RuntimeException e) {
                throw new CommandLine.TypeConversionException(
                        "not a duration: '" + value + "' (use e.g. 300ms, 3s, 1m or PT3S)");
            }
        }
    }
}
