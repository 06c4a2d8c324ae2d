package dev.sluice.samples;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a program with {@code System.out} redirected into a list of lines, and hands every
 * completed line to an optional listener as it is printed (a test uses that to react to the
 * program's progress, e.g. open a latch after the first line of some kind).
 *
 * <p>{@code System.out} is global: the capture covers every thread that prints while the program
 * runs, which is what the samples need (their spawned threads print too), and it requires that
 * tests using it do not run concurrently (JUnit's default), and that the program joins every
 * thread that prints before it returns (the samples do). Lines are split on {@code '\n'}; a
 * trailing {@code '\r'} is dropped. Writes arrive through a {@link PrintStream}, which serializes
 * them, so {@link #write(int)} is never called by two threads at once.
 */
final class StdoutCapture extends OutputStream {

    /** A program to run: a sample's {@code main}, or a variant of it. */
    @FunctionalInterface
    interface Program {
        void run() throws Exception;
    }

    private final List<String> lines = new ArrayList<>();
    private final Consumer<String> onLine;
    private byte[] pending = new byte[128];
    private int pendingLength;

    private StdoutCapture(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    /** The lines {@code program} prints to {@code System.out}. */
    static List<String> linesOf(Program program) throws Exception {
        return linesOf(program, line -> { });
    }

    /** The lines {@code program} prints, each also passed to {@code onLine} when complete. */
    static List<String> linesOf(Program program, Consumer<String> onLine) throws Exception {
        StdoutCapture capture = new StdoutCapture(onLine);
        PrintStream original = System.out;
        PrintStream redirected = new PrintStream(capture, true, StandardCharsets.UTF_8);
        System.setOut(redirected);
        try {
            program.run();
        } finally {
            System.setOut(original);
        }
        // Every thread that printed has been joined by the program (or is the caller): their
        // writes happen-before this read.
        if (capture.pendingLength > 0) {
            capture.endLine();
        }
        return List.copyOf(capture.lines);
    }

    @Override
    public void write(int b) {
        if (b == '\n') {
            endLine();
            return;
        }
        if (pendingLength == pending.length) {
            pending = Arrays.copyOf(pending, pendingLength * 2);
        }
        pending[pendingLength++] = (byte) b;
    }

    private void endLine() {
        int length = pendingLength;
        if (length > 0 && pending[length - 1] == '\r') {
            length--;
        }
        String line = new String(pending, 0, length, StandardCharsets.UTF_8);
        pendingLength = 0;
        lines.add(line);
        onLine.accept(line);
    }
}
