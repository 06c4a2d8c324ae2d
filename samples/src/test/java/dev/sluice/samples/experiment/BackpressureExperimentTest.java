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
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The experiment's command line: options, defaults, errors, and one short run end to end. */
@Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BackpressureExperimentTest {

    @Test
    void short_run_prints_a_summary_and_writes_the_chart(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("sub/backpressure.png");
        StringWriter out = new StringWriter();
        CommandLine cli = BackpressureExperiment.commandLine();
        cli.setOut(new PrintWriter(out));
        int status = cli.execute("--producers", "2", "--producer-rate", "2000", "--consumer-rate", "1500",
                "--flavor", "bounded:8", "--duration", "300ms", "--chart", png.toString());
        assertEquals(0, status, out::toString);
        String text = out.toString();
        assertTrue(text.contains("Backpressure experiment: bounded(8) channel, 2 producers at 2000 msg/s each, "
                + "1 consumer at 1500 msg/s at most, 300 ms"), text);
        assertTrue(text.contains("chart             " + png), text);
        assertTrue(Files.size(png) > 0);
        assertNotNull(ImageIO.read(png.toFile()));
    }

    @Test
    void defaults_describe_a_small_bounded_run() {
        CommandLine cli = BackpressureExperiment.commandLine();
        cli.parseArgs();
        ExperimentSettings settings = ((BackpressureExperiment) cli.getCommand()).settings();
        assertEquals(new ExperimentSettings(2, 5000, 1, 8000, ChannelFlavor.bounded(64), Duration.ofSeconds(3),
                Duration.ofMillis(5), Duration.ofNanos(20_000)), settings);
        assertTrue(((BackpressureExperiment) cli.getCommand()).chart.toString().endsWith("backpressure.png"));
    }

    @Test
    void options_parse_flavors_and_durations() {
        CommandLine cli = BackpressureExperiment.commandLine();
        cli.parseArgs("-p", "3", "-r", "0", "-c", "2", "-R", "250.5", "-f", "Rendezvous", "-d", "PT1.5S",
                "--sample-every", "250us", "--blocked-threshold", "1ms");
        ExperimentSettings settings = ((BackpressureExperiment) cli.getCommand()).settings();
        assertEquals(new ExperimentSettings(3, 0, 2, 250.5, ChannelFlavor.RENDEZVOUS, Duration.ofMillis(1500),
                Duration.ofNanos(250_000), Duration.ofMillis(1)), settings);
    }

    @Test
    void bad_options_are_usage_errors() {
        for (String[] args : new String[][] {
                {"--flavor", "bounded:x"}, {"--flavor", "queue"}, {"--duration", "soon"}, {"--producers", "0"},
                {"--producer-rate", "-1"}, {"--duration", "0ms"}}) {
            StringWriter err = new StringWriter();
            CommandLine cli = BackpressureExperiment.commandLine();
            cli.setErr(new PrintWriter(err));
            cli.setOut(new PrintWriter(new StringWriter()));
            assertEquals(CommandLine.ExitCode.USAGE, cli.execute(args), () -> String.join(" ", args) + ": " + err);
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
    void nanos_are_printed_with_three_digits() {
        assertEquals("850 ns", ExperimentReport.formatNanos(850));
        assertEquals("12.3 us", ExperimentReport.formatNanos(12_345));
        assertEquals("7.91 ms", ExperimentReport.formatNanos(7_910_000));
        assertEquals("300 ms", ExperimentReport.formatNanos(300_000_000));
        assertEquals("3.00 s", ExperimentReport.formatNanos(3_000_000_000L));
    }
}
