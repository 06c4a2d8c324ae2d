package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Machine: what a results table says about the host: {@code lscpu}'s model name, CPU family,
 * model, stepping and hypervisor vendor (from {@code /proc/cpuinfo} where {@code lscpu} is absent),
 * the processors this JVM may use, and whether {@code taskset} can pin a child process to CPU 0.
 */
final class Machine {
    private Machine() {
    }

    /** e.g. {@code 2 processors, AMD EPYC (CPU family 26, model 2, stepping 1), hypervisor KVM}. */
    static String describe() {
        Map<String, String> cpu = lscpu();
        StringBuilder s = new StringBuilder();
        s.append(Runtime.getRuntime().availableProcessors()).append(" processors, ")
                .append(cpu.getOrDefault("Model name", QuickRun.cpuModel()))
                .append(" (CPU family ").append(cpu.getOrDefault("CPU family", "?"))
                .append(", model ").append(cpu.getOrDefault("Model", "?"))
                .append(", stepping ").append(cpu.getOrDefault("Stepping", "?")).append(')');
        if (cpu.containsKey("Hypervisor vendor")) {
            s.append(", hypervisor ").append(cpu.get("Hypervisor vendor"));
        }
        return s.toString();
    }

    /** {@code lscpu}'s "Key: value" lines, or the same keys read from {@code /proc/cpuinfo}. */
    static Map<String, String> lscpu() {
        Map<String, String> fields = new LinkedHashMap<>();
        String out = run(List.of("lscpu"));
        if (out != null) {
            for (String line : out.split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                }
            }
            return fields;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon).trim();
                String value = line.substring(colon + 1).trim();
                switch (key) {
                    case "model name" -> fields.putIfAbsent("Model name", value);
                    case "cpu family" -> fields.putIfAbsent("CPU family", value);
                    case "model" -> fields.putIfAbsent("Model", value);
                    case "stepping" -> fields.putIfAbsent("Stepping", value);
                    default -> { }
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the JVM's processor count is all we say
        }
        return fields;
    }

    /** {@code true} if {@code taskset -c 0} works here (Linux with util-linux, CPU 0 allowed). */
    static boolean tasksetWorks() {
        return run(List.of("taskset", "-c", "0", "true")) != null;
    }

    /** The command's standard output if it exits 0 within 10 s, else {@code null}. */
    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
