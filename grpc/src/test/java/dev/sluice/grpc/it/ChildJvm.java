package dev.sluice.grpc.it;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM on the test class path: its output lines are echoed with a prefix, queued for
 * {@link #awaitLine} and kept for {@link #allLines} (complete once the process has died).
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
    private final List<String> all = new CopyOnWriteArrayList<>();
    private final CountDownLatch outputEnded = new CountDownLatch(1);
    private final java.io.PrintWriter stdin;

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new java.io.PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "out-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String name, Class<?> mainClass, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass.getName());
        cmd.addAll(List.of(args));
        return new ChildJvm(name, new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    private void pump() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.startsWith("GOT ")) {
                    System.out.println("[" + name + "] " + line);
                }
                all.add(line);
                queue.add(line);
            }
        } catch (IOException e) {
            // the process died
        } finally {
            outputEnded.countDown();
        }
    }

    /** The rest of the first line starting with {@code prefix}, or an AssertionError after {@code timeout}. */
    String awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (;;) {
            long left = deadline - System.nanoTime();
            String line = left <= 0 ? null : queue.poll(left, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError(name + ": no line starting with '" + prefix + "' within " + timeout
                        + (process.isAlive() ? "" : " (exited with " + process.exitValue() + ")"));
            }
            if (line.startsWith(prefix)) {
                return line.substring(prefix.length()).trim();
            }
        }
    }

    void command(String line) {
        stdin.println(line);
    }

    /** SIGKILL: no shutdown hook, no goodbye on the wire. Waits for its output to end. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS) || !outputEnded.await(20, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not die");
        }
    }

    /** Every line it printed (complete after {@link #kill}). */
    List<String> allLines() {
        return List.copyOf(all);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
