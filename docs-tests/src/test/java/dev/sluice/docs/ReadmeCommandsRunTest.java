package dev.sluice.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every {@code ./mvnw} command of README.md runs as written on a fresh copy of the tree (the
 * tracked files only, nothing installed, nothing built), with the documented options that
 * shorten it:
 * <ul>
 *   <li>the quick start's two commands are run by CI ({@code .ci/run}; see
 *       {@link ReadmeCommandsAreCiCommandsTest}): running the full test command here would run
 *       this test again;</li>
 *   <li>the install command runs with {@code -pl bom,core -am} (the README's own way to install
 *       fewer modules), into a private repository under {@code target/} whose reads fall through
 *       to the user's (Maven's {@code maven.repo.local.tail}), so the user's {@code ~/.m2} gets
 *       no Sluice jars;</li>
 *   <li>the test commands run one module and one class ({@code -pl core -Dtest=BadInputTest}, the
 *       README's own way to run less);</li>
 *   <li>each backpressure experiment runs with {@code --time-scale 0.05 --no-progress} added to its
 *       arguments.</li>
 * </ul>
 * A README command that none of these rules covers fails the test: a new command needs a proof.
 */
class ReadmeCommandsRunTest {
    private static final Pattern INLINE = Pattern.compile("`(\\./mvnw [^`]+|-Dexec\\.args=\"[^`]+\")`");
    private static final String EXPERIMENT = "dev.sluice.samples.experiment.BackpressureExperiment";
    private static final String SHORT_TESTS = " -pl core -Dtest=BadInputTest";
    private static final long TIMEOUT_MINUTES = 6;

    @Test
    @DisplayName("every ./mvnw command of the README runs as written on a fresh copy of the tree (shortened as documented)")
    void every_readme_command_runs_on_a_fresh_copy() throws Exception {
        String readme = Repo.read(Repo.file("README.md"));
        List<String> ci = ReadmeCommandsAreCiCommandsTest.quickStartCommands(readme);
        Map<String, String> runs = plan(readme, ci);
        assertTrue(runs.keySet().stream().anyMatch(c -> c.contains(EXPERIMENT)), "no experiment command found: " + runs);

        Path copy = freshCopy();
        Path privateRepo = copy.resolve("target/m2-private");
        String userRepo = Path.of(System.getProperty("user.home"), ".m2", "repository").toString();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> run : runs.entrySet()) {
            String command = run.getValue();
            if (command.contains(" install")) {
                command += " -Dmaven.repo.local=" + privateRepo + " -Dmaven.repo.local.tail=" + userRepo;
            }
            long start = System.nanoTime();
            Result result = execute(copy, command);
            System.out.printf("%.0f s, exit %d: %s%n", (System.nanoTime() - start) / 1e9, result.exit, command);
            if (result.exit != 0) {
                failures.add("README: " + run.getKey() + "\nran:    " + command + "\nexit " + result.exit
                        + ", last output:\n" + result.tail());
            }
        }
        assertEquals(List.of(), failures, String.join("\n\n", failures));

        assertTrue(Files.isDirectory(privateRepo.resolve("dev/sluice/sluice-core")),
                "the install command put no sluice-core into its repository");
        try (Stream<Path> summaries = Files.walk(copy.resolve("target/experiment"))) {
            long count = summaries.filter(p -> p.getFileName().toString().equals("summary.txt")).count();
            assertEquals(runs.keySet().stream().filter(c -> c.contains(EXPERIMENT)).count(), count,
                    "each experiment writes its summary.txt under target/experiment");
        }
    }

    @Test
    @DisplayName("the plan covers every README command and refuses one it has no rule for")
    void a_command_without_a_rule_is_refused() {
        String readme = "## Quick start\n\n```bash\n./mvnw -B verify\n```\n\nInstall: `./mvnw -B install -DskipTests`.\n"
                + "Each: `./mvnw -B -q -pl samples -am compile -Prun -Dexec.mainClass=" + EXPERIMENT + "`\n"
                + "1. `-Dexec.args=\"--duration 3s\"`\nTests: `./mvnw -B -pl core verify`.\n";
        Map<String, String> plan = plan(readme, List.of("./mvnw -B verify"));
        assertEquals(List.of(
                "./mvnw -B install -DskipTests -pl bom,core -am",
                "./mvnw -B -q -pl samples -am compile -Prun -Dexec.mainClass=" + EXPERIMENT
                        + " -Dexec.args=\"--duration 3s --time-scale 0.05 --no-progress\"",
                "./mvnw -B -pl core verify -Dtest=BadInputTest"), List.copyOf(plan.values()));

        try {
            plan(readme + "\nAlso `./mvnw -B site`.\n", List.of("./mvnw -B verify"));
            fail("a command without a rule was accepted");
        } catch (AssertionError expected) {
            assertTrue(expected.getMessage().contains("./mvnw -B site"), expected.getMessage());
        }
    }

    /** README command → the command this test runs for it; quick-start commands are CI's. */
    static Map<String, String> plan(String readme, List<String> ciCommands) {
        Set<String> commands = new LinkedHashSet<>();
        List<String> experimentArgs = new ArrayList<>();
        for (Markdown.Block block : new Markdown(readme).blocks()) {
            if (List.of("bash", "sh", "shell").contains(block.language())) {
                for (String line : block.lines()) {
                    String command = line.replaceFirst("(^|\\s)#.*$", "").trim();
                    if (command.startsWith("./mvnw ")) {
                        commands.add(command);
                    }
                }
            }
        }
        Matcher m = INLINE.matcher(readme);
        while (m.find()) {
            if (m.group(1).startsWith("-Dexec.args=")) {
                experimentArgs.add(m.group(1));
            } else {
                commands.add(m.group(1).trim());
            }
        }
        Map<String, String> plan = new LinkedHashMap<>();
        for (String command : commands) {
            if (ciCommands.contains(command)) {
                continue; // run by .ci/run
            }
            if (command.contains("-Dexec.mainClass=" + EXPERIMENT)) {
                assertTrue(!experimentArgs.isEmpty(), "the experiment command is shown without any -Dexec.args");
                for (String args : experimentArgs) {
                    String shortened = args.substring(0, args.length() - 1) + " --time-scale 0.05 --no-progress\"";
                    plan.put(command + " " + args, command + " " + shortened);
                }
            } else if (command.matches("\\./mvnw -B (-q )?install -DskipTests")) {
                plan.put(command, command + " -pl bom,core -am");
            } else if (command.matches("\\./mvnw -B -pl core verify")) {
                plan.put(command, command + " -Dtest=BadInputTest");
            } else if (command.matches("\\./mvnw -B (-P\\w+ )?verify")) {
                plan.put(command, command + SHORT_TESTS);
            } else {
                throw new AssertionError("README command without a proof in ReadmeCommandsRunTest: " + command);
            }
        }
        return plan;
    }

    /** The tracked files of the working tree (what a fresh clone has), copied under target/. */
    private static Path freshCopy() throws IOException, InterruptedException {
        Path copy = Repo.file("docs-tests/target/fresh-copy");
        if (Files.exists(copy)) {
            try (Stream<Path> old = Files.walk(copy)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Process git = new ProcessBuilder("git", "ls-files", "-z").directory(Repo.root().toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = git.getInputStream().readAllBytes();
        assertTrue(git.waitFor(60, TimeUnit.SECONDS) && git.exitValue() == 0, "git ls-files failed");
        for (String name : new String(out, StandardCharsets.UTF_8).split("\0")) {
            Path source = Repo.file(name);
            if (name.isEmpty() || !Files.isRegularFile(source)) {
                continue;
            }
            Path target = copy.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return copy;
    }

    private static Result execute(Path dir, String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Files.createDirectories(dir.resolve("target")), "command", ".log");
        Process process = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        List<String> output = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
        return new Result(ended ? process.exitValue() : -1, output);
    }

    private record Result(int exit, List<String> output) {
        String tail() {
            return String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size()));
        }
    }
}
