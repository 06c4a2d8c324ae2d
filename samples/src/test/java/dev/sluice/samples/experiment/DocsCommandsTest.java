package dev.sluice.samples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The example commands of docs/experiments.md (the README's "Backpressure experiments" section
 * repeats them) run as written, at a twentieth of their durations ({@code --time-scale 0.05}, which
 * also scales the stall and the burst), into a temporary directory.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DocsCommandsTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "exec\\.mainClass=dev\\.sluice\\.samples\\.experiment\\.BackpressureExperiment -Dexec\\.args=\"([^\"]*)\"");

    static List<String[]> examples() throws Exception {
        Path doc = Path.of("..", "docs", "experiments.md");
        List<String[]> commands = new ArrayList<>();
        Matcher m = EXAMPLE.matcher(Files.readString(doc));
        while (m.find()) {
            commands.add(m.group(1).trim().split("\\s+"));
        }
        return commands;
    }

    @Test
    void the_documented_commands_run_as_written(@TempDir Path dir) throws Exception {
        List<String[]> commands = examples();
        assertTrue(commands.size() >= 3, "at least the three ready-made commands in docs/experiments.md: " + commands.size());
        int i = 0;
        for (String[] args : commands) {
            Path output = dir.resolve("example-" + (++i));
            List<String> full = new ArrayList<>(Arrays.asList(args));
            full.addAll(List.of("--time-scale", "0.05", "--no-progress", "--output", output.toString()));
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = BackpressureExperiment.commandLine().setOverwrittenOptionsAllowed(true);
            cli.setOut(new PrintWriter(out));
            cli.setErr(new PrintWriter(err));
            assertEquals(0, cli.execute(full.toArray(String[]::new)), () -> String.join(" ", full) + "\n" + out + err);
            assertTrue(Files.size(output.resolve("compare-designs.png")) > 0);
            assertTrue(Files.readAllLines(output.resolve("runs.csv")).size() >= 3, "at least two runs compared");
        }
    }
}
