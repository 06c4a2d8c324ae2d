package dev.sluice;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ForkedJvm: runs a {@code main} class of the test classpath in a fresh JVM, so that a hang (a
 * wedged virtual-thread scheduler) or an {@code OutOfMemoryError} fails one test instead of the
 * build. The child's output goes to a file whose tail is shown when it fails; a child that
 * outlives its timeout is killed.
 */
final class ForkedJvm {
    private ForkedJvm() {
    }

    /** The java launcher of a JDK 21+ for virtual threads: this one if it is, else Temurin 25 if present. */
    static Path virtualThreadJava() {
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"), "bin", "java");
        }
        Path temurin = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");
        return Files.isExecutable(temurin) ? temurin : null;
    }

    /** This JVM's launcher. */
    static Path currentJava() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Runs {@code main} with {@code jvmArgs}; fails unless it exits 0 within {@code timeout}. */
    static void run(Path java, List<String> jvmArgs, Class<?> main, Duration timeout, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        File log = File.createTempFile("forked-" + main.getSimpleName(), ".log");
        log.deleteOnExit();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!exited) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            fail(main.getSimpleName() + " " + String.join(" ", args) + " " + jvmArgs + " did not finish within "
                    + timeout + " (hung)\n" + tail(log));
        }
        if (p.exitValue() != 0) {
            fail(main.getSimpleName() + " " + String.join(" ", args) + " " + jvmArgs + " exited with "
                    + p.exitValue() + "\n" + tail(log));
        }
    }

    private static String tail(File log) throws Exception {
        String out = Files.readString(log.toPath(), StandardCharsets.UTF_8);
        return out.length() <= 4000 ? out : "..." + out.substring(out.length() - 4000);
    }
}
