package dev.sluice.samples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The experiment's command line: a sweep end to end (table, CSV, charts, progress), defaults, errors. */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackpressureExperimentTest {

    @Test
    void a_sweep_prints_a_table_and_writes_csv_and_every_chart(@TempDir Path dir) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = BackpressureExperiment.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int status = cli.execute("--flavor", "bounded,unbounded", "--capacity", "8", "--baseline", "jdk-abq",
                "--producer-rate", "2000", "--consumer-rate", "1500", "--duration", "300ms", "--output", dir.toString());
        assertEquals(0, status, () -> out + "\n" + err);

        String text = out.toString();
        for (String label : List.of("sluice bounded(8)", "sluice unbounded", "jdk-abq(8)")) {
            assertTrue(text.contains(label), () -> "no row for " + label + " in\n" + text);
        }
        assertTrue(text.contains("3 run(s) of 300 ms"), text);
        assertTrue(err.toString().contains("Sweep") && err.toString().contains("100%"), () -> "no progress bar: " + err);

        // runs.csv: a header and one row per run, every row as wide as the header.
        List<String> runs = Files.readAllLines(dir.resolve("runs.csv"));
        assertEquals(ResultsCsv.RUNS_HEADER, runs.get(0));
        assertEquals(4, runs.size(), "header + 3 runs");
        List<String> columns = List.of(runs.get(0).split(","));
        for (String row : runs.subList(1, runs.size())) {
            String[] cells = row.split(",", -1);
            assertEquals(columns.size(), cells.length, row);
            long sent = Long.parseLong(cells[columns.indexOf("sent")]);
            long received = Long.parseLong(cells[columns.indexOf("received")]);
            assertEquals(sent, received, "received == sent: " + row);
            assertEquals("0", cells[columns.indexOf("lost")], row);
            Double.parseDouble(cells[columns.indexOf("channel_p99_us")]);
        }
        // samples.csv: one set of rows per run, in time order within each set.
        List<String> samples = Files.readAllLines(dir.resolve("samples.csv"));
        assertEquals(ResultsCsv.SAMPLES_HEADER, samples.get(0));
        Map<Integer, List<Double>> times = new TreeMap<>();
        for (String row : samples.subList(1, samples.size())) {
            String[] cells = row.split(",");
            assertEquals(6, cells.length, row);
            times.computeIfAbsent(Integer.parseInt(cells[0]), k -> new ArrayList<>()).add(Double.parseDouble(cells[1]));
        }
        assertEquals(List.of(1, 2, 3), new ArrayList<>(times.keySet()));
        times.values().forEach(t -> assertEquals(t.stream().sorted().collect(Collectors.toList()), t));

        // Every chart: 3 runs + 3 comparisons, each PNG (a readable image) and SVG.
        List<Path> charts;
        try (var files = Files.list(dir)) {
            charts = files.filter(p -> p.toString().endsWith(".png") || p.toString().endsWith(".svg")).sorted()
                    .collect(Collectors.toList());
        }
        assertEquals(12, charts.size(), charts::toString);
        for (String name : List.of("compare-latency-by-capacity", "compare-designs", "compare-depth-over-time",
                "run-01-sluice-bounded-8", "run-02-sluice-unbounded", "run-03-jdk-abq-8")) {
            assertTrue(Files.exists(dir.resolve(name + ".png")) && Files.exists(dir.resolve(name + ".svg")), name);
        }
        for (Path chart : charts) {
            assertTrue(Files.size(chart) > 0, () -> "empty " + chart);
            if (chart.toString().endsWith(".png")) {
                assertNotNull(ImageIO.read(chart.toFile()), () -> "not an image: " + chart);
            } else {
                assertTrue(Files.readString(chart).contains("<svg"), () -> "not an SVG: " + chart);
            }
        }
        assertTrue(Files.readString(dir.resolve("summary.txt")).contains("latency, send() called -> received"));
    }

    @Test
    void defaults_describe_one_small_bounded_run() {
        CommandLine cli = BackpressureExperiment.commandLine();
        cli.parseArgs();
        BackpressureExperiment command = cli.getCommand();
        assertEquals(List.of(new ExperimentSettings(new SluiceDesign(ChannelFlavor.bounded(64), Overflow.BLOCK),
                ConsumerSpec.thread(), 2, 5000, 1, 8000, LoadShape.CONSTANT, Duration.ofSeconds(3),
                Duration.ofMillis(5), Duration.ofNanos(20_000))), command.runs());
        assertTrue(command.output.toString().endsWith("experiment"));
    }

    @Test
    void options_parse_lists_rates_load_shapes_and_the_time_scale() {
        CommandLine cli = BackpressureExperiment.commandLine();
        cli.parseArgs("-p", "3", "-r", "max", "-c", "1", "-R", "250.5", "-f", "Rendezvous,unbounded", "-d", "PT2S",
                "--consumer", "flux", "--request", "1,8", "--publish-on", "--stall", "500ms@1s", "--burst", "100@1.5s",
                "--arrivals", "poisson", "--seed", "42", "--time-scale", "0.5", "--sample-every", "250us",
                "--blocked-threshold", "1ms");
        List<ExperimentSettings> runs = ((BackpressureExperiment) cli.getCommand()).runs();
        assertEquals(4, runs.size(), "2 flavors x 2 request sizes");
        ExperimentSettings first = runs.get(0);
        assertEquals(new SluiceDesign(ChannelFlavor.RENDEZVOUS, Overflow.BLOCK), first.design());
        assertEquals(ConsumerSpec.flux(1, true), first.consumer());
        assertEquals(0, first.producerRate(), "max = as fast as possible");
        assertEquals(250.5, first.consumerRate());
        assertEquals(Duration.ofSeconds(1), first.duration(), "2 s at half scale");
        assertEquals(new Stall(Duration.ofMillis(250), Duration.ofMillis(500)), first.load().stall().orElseThrow());
        assertEquals(new Burst(100, Duration.ofMillis(750)), first.load().burst().orElseThrow());
        assertEquals(Arrivals.POISSON, first.load().arrivals());
        assertEquals(42, first.load().seed());
        assertEquals(Duration.ofNanos(250_000), first.sampleInterval());
    }

    @Test
    void bad_options_are_usage_errors_with_a_clear_message() {
        String[][] cases = {
            {"capacity must be >= 0", "--capacity", "-1"},
            {"--capacity: empty sweep", "--capacity", ""},
            {"--capacity: empty sweep", "--capacity", ","},
            {"--capacity: empty value", "--capacity", "1,,2"},
            {"a rate of 0 would move nothing", "--producer-rate", "0"},
            {"a rate of 0 would move nothing", "--consumer-rate", "100,0"},
            {"unknown channel flavor 'queue'", "--flavor", "queue"},
            {"unknown baseline 'kafka'", "--baseline", "kafka"},
            {"--flavor: empty sweep", "--flavor", ""},
            {"unknown overflow policy", "--overflow", "block,drop-sideways"},
            {"unknown overflow policy", "--overflow", "spill"},
            {"unknown consumer", "--consumer", "actor"},
            {"--request: must be >= 1", "--consumer", "flux", "--request", "0"},
            {"--producers: must be >= 1", "--producers", "0"},
            {"not a duration", "--duration", "soon"},
            {"duration must be positive", "--duration", "0ms"},
            {"starts after the run ends", "--stall", "1s@5s", "--duration", "3s"},
            {"not a stall", "--stall", "2s"},
            {"not a message count", "--burst", "many@1s"},
            {"single subscriber", "--baseline", "reactor-unbounded", "--consumers", "2"},
            {"jdk-abq needs a capacity >= 1", "--capacity", "0", "--baseline", "jdk-abq"},
        };
        for (String[] c : cases) {
            String[] args = java.util.Arrays.copyOfRange(c, 1, c.length);
            StringWriter err = new StringWriter();
            CommandLine cli = BackpressureExperiment.commandLine();
            cli.setErr(new PrintWriter(err));
            cli.setOut(new PrintWriter(new StringWriter()));
            assertEquals(CommandLine.ExitCode.USAGE, cli.execute(args), () -> String.join(" ", args) + ": " + err);
            assertTrue(err.toString().contains(c[0]), () -> String.join(" ", args) + ": expected '" + c[0] + "' in\n" + err);
        }
    }

    @Test
    void flavor_syntax() {
        assertEquals(ChannelFlavor.UNBOUNDED, ChannelFlavor.parse(" unbounded "));
        assertEquals(ChannelFlavor.RENDEZVOUS, ChannelFlavor.parse("rendezvous"));
        assertEquals(ChannelFlavor.RENDEZVOUS, ChannelFlavor.parse("bounded:0"));
        assertEquals(ChannelFlavor.bounded(64), ChannelFlavor.parse("BOUNDED:64"));
        assertEquals("bounded(64)", ChannelFlavor.bounded(64).toString());
        assertThrows(IllegalArgumentException.class, () -> ChannelFlavor.parse("bounded:-1"));
        assertThrows(IllegalArgumentException.class, () -> ChannelFlavor.parse("bounded"));
        assertEquals(64, ChannelFlavor.bounded(64).open().receiver().capacity().getAsInt());
        assertTrue(ChannelFlavor.UNBOUNDED.open().receiver().capacity().isEmpty());
    }

    @Test
    void percentile_axis_labels() {
        assertEquals("0%", BackpressureChart.percentileLabel(0));
        assertEquals("90%", BackpressureChart.percentileLabel(1));
        assertEquals("99%", BackpressureChart.percentileLabel(2));
        assertEquals("99.9%", BackpressureChart.percentileLabel(3));
        assertEquals("99.99%", BackpressureChart.percentileLabel(4));
        assertEquals(2.0, BackpressureChart.nines(99), 1e-9);
    }

    @Test
    void nanos_and_bytes_are_printed_with_three_digits() {
        assertEquals("850 ns", ExperimentReport.formatNanos(850));
        assertEquals("12.3 us", ExperimentReport.formatNanos(12_345));
        assertEquals("7.91 ms", ExperimentReport.formatNanos(7_910_000));
        assertEquals("300 ms", ExperimentReport.formatNanos(300_000_000));
        assertEquals("3.00 s", ExperimentReport.formatNanos(3_000_000_000L));
        assertEquals("850 B", ExperimentReport.formatBytes(850));
        assertEquals("12.3 KiB", ExperimentReport.formatBytes(12_595));
        assertEquals("7.91 MiB", ExperimentReport.formatBytes(8_294_236));
    }
}
