package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * RustBaseline: finds and builds {@code benchmarks/rust} (std only, {@code cargo --offline}) for
 * {@link WholeRun} and {@link LatencyRun}, outside any timed region: the throughput program and
 * the latency program ({@code src/bin/latency.rs}). With {@code RUSTC_BOOTSTRAP=1} and
 * {@code --features mpmc} the program also measures the unstable {@code std::sync::mpmc} in the
 * mpmc shape; if that build fails, the stable build runs without mpmc.
 */
final class RustBaseline {
    private RustBaseline() {
    }

    /** The Cargo project directory, or {@code null} if there is none or {@code option} is "none". */
    static Path locate(String option) {
        if ("none".equals(option)) {
            return null;
        }
        for (String candidate : option == null ? List.of("benchmarks/rust", "rust", "../benchmarks/rust") : List.of(option)) {
            if (Files.exists(Path.of(candidate, "Cargo.toml"))) {
                return Path.of(candidate).toAbsolutePath();
            }
        }
        return null;
    }

    /** The built program, or {@code null}. */
    static Path binary(Path dir) {
        Path binary = dir.resolve("target/release/sluice-rust-baseline");
        return Files.isExecutable(binary) ? binary : null;
    }

    /** The built latency program ({@code src/bin/latency.rs}), or {@code null}. */
    static Path latencyBinary(Path dir) {
        Path binary = dir.resolve("target/release/latency");
        return Files.isExecutable(binary) ? binary : null;
    }

    /** Builds the program; returns rustc's version and the features, or why it could not build. */
    static String build(Path dir) throws InterruptedException {
        String version = run(dir, List.of("rustc", "--version"));
        if (version == null) {
            return "not run: no rustc on the PATH";
        }
        if (run(dir, List.of("cargo", "build", "--release", "--offline", "--features", "mpmc")) != null) {
            return version + ", std::sync::mpsc + std::sync::mpmc (RUSTC_BOOTSTRAP=1)";
        }
        if (run(dir, List.of("cargo", "build", "--release", "--offline")) != null) {
            return version + ", std::sync::mpsc only (the mpmc build failed)";
        }
        return "not run: cargo build --release --offline failed";
    }

    private static String run(Path dir, List<String> command) throws InterruptedException {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().put("RUSTC_BOOTSTRAP", "1");
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        }
    }
}
