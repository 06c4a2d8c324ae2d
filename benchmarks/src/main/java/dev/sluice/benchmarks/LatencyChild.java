package dev.sluice.benchmarks;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * LatencyChild: the JVM {@link LatencyRun} starts for one queue implementation: measures each
 * given latency cell and prints one tab-separated line per cell,
 * {@code lat, mode, capacity, threads, count, p50, p99, p99.9, max} (nanoseconds), the Rust
 * program's format.
 *
 * <p>Cells ({@code MODE CAPACITY}, with 0 = rendezvous):
 * <ul>
 *   <li>{@code pingpong}: a client thread sends message {@code i} over a request queue and waits
 *       for it to come back over a reply queue from an echo thread; one sample is the round trip,
 *       from just before the send to just after the reply is received.</li>
 *   <li>{@code oneway}: a sender hands message {@code i} to a receiver that is parked in its
 *       receive: before each send the sender waits (spinning, outside the timed part) until the
 *       receiver's {@link Thread#getState()} has been {@code WAITING} for
 *       {@value #SETTLE_NANOS} ns, then stamps the time and sends; one sample is from that stamp
 *       to the receiver's return from receive, so it holds the wake-up.</li>
 * </ul>
 * Both threads of a cell are platform threads or, on JDK 21+, virtual threads (created through
 * reflection, so the class still runs on JDK 17; asked for on an older JDK, a virtual cell prints
 * a {@code skip} line). Each cell first runs {@code warmup} untimed messages in the same shape,
 * then records {@code count} samples in an HdrHistogram (3 significant digits). A Sluice JVM first
 * primes every flavor ({@link Priming}), as the whole-run child does.
 *
 * <pre>java -cp benchmarks.jar dev.sluice.benchmarks.LatencyChild IMPL THREADS COUNT ONEWAY_COUNT WARMUP "MODE CAPACITY"...</pre>
 */
public final class LatencyChild {
    /** How long the receiver must have been seen parked before a one-way send. */
    static final long SETTLE_NANOS = 50_000;
    /** The longest a sender waits for the receiver to park; a receiver that never parks fails the cell. */
    static final long PARK_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** The longest a cell may take. */
    static final long CELL_TIMEOUT_SECONDS = 300;

    private LatencyChild() {
    }

    /** One measured cell: the histogram's percentiles in nanoseconds. */
    record Result(String mode, int capacity, String threads, long count, long p50, long p99, long p999, long max) {
        String line() {
            return String.join("\t", "lat", mode, String.valueOf(capacity), threads, String.valueOf(count),
                    String.valueOf(p50), String.valueOf(p99), String.valueOf(p999), String.valueOf(max));
        }
    }

    public static void main(String[] args) throws Exception {
        String impl = args[0];
        List<String> kinds = List.of(args[1].split(","));
        int count = Integer.parseInt(args[2]);
        int onewayCount = Integer.parseInt(args[3]);
        int warmup = Integer.parseInt(args[4]);
        if (impl.equals(Pipes.SLUICE)) {
            Priming.primeSluiceFlavors();
        }
        for (String kind : kinds) {
            boolean virtual = kind.equals("virtual");
            if (virtual && !virtualThreadsAvailable()) {
                System.out.println("skip\tvirtual\tvirtual threads need JDK 21+, this is " + Runtime.version());
                continue;
            }
            for (int a = 5; a < args.length; a++) {
                String[] cell = args[a].split(" ");
                int capacity = Integer.parseInt(cell[1]);
                int n = cell[0].equals("oneway") ? onewayCount : count;
                System.out.println(measure(impl, cell[0], capacity, virtual, n, warmup).line());
            }
        }
    }

    /** Runs one cell: {@code warmup} untimed messages, then {@code count} recorded ones. */
    static Result measure(String impl, String mode, int capacity, boolean virtual, int count, int warmup)
            throws Exception {
        Integer[] messages = Messages.boxed(Math.max(count, warmup));
        if (warmup > 0) {
            run(impl, mode, capacity, virtual, messages, warmup, new Histogram(TimeUnit.SECONDS.toNanos(10), 3));
        }
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        run(impl, mode, capacity, virtual, messages, count, histogram);
        return new Result(mode, capacity, virtual ? "virtual" : "platform", histogram.getTotalCount(),
                histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(99),
                histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void run(String impl, String mode, int capacity, boolean virtual, Integer[] messages, int count,
            Histogram histogram) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        List<Pipe> pipes = new ArrayList<>();
        try {
            if (mode.equals("pingpong")) {
                Pipe request = Pipes.open(impl, capacity);
                Pipe reply = Pipes.open(impl, capacity);
                pipes.add(request);
                pipes.add(reply);
                threads.add(thread(virtual, "echo", failure, () -> {
                    for (int i = 0; i < count; i++) {
                        int value = (int) request.consume(1);
                        reply.produce(messages, value, value + 1);
                    }
                }));
                threads.add(thread(virtual, "client", failure, () -> {
                    for (int i = 0; i < count; i++) {
                        long start = System.nanoTime();
                        request.produce(messages, i, i + 1);
                        long echoed = reply.consume(1);
                        long end = System.nanoTime();
                        if (echoed != i) {
                            throw new IllegalStateException("sent " + i + ", got back " + echoed);
                        }
                        record(histogram, end - start);
                    }
                }));
            } else if (mode.equals("oneway")) {
                Pipe pipe = Pipes.open(impl, capacity);
                pipes.add(pipe);
                long[] sentAt = new long[count];
                Thread receiver = thread(virtual, "receiver", failure, () -> {
                    for (int i = 0; i < count; i++) {
                        long value = pipe.consume(1);
                        long end = System.nanoTime();
                        if (value != i) {
                            throw new IllegalStateException("expected " + i + ", received " + value);
                        }
                        record(histogram, end - sentAt[i]);
                    }
                });
                threads.add(receiver);
                threads.add(thread(virtual, "sender", failure, () -> {
                    for (int i = 0; i < count; i++) {
                        awaitParked(receiver);
                        sentAt[i] = System.nanoTime();         // published to the receiver by the hand-off
                        pipe.produce(messages, i, i + 1);
                    }
                }));
            } else {
                throw new IllegalArgumentException("unknown latency mode " + mode + " (pingpong, oneway)");
            }
            threads.forEach(Thread::start);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CELL_TIMEOUT_SECONDS);
            for (Thread t : threads) {
                while (t.isAlive() && failure.get() == null) {     // a failure ends the cell at once
                    if (System.nanoTime() - deadline > 0) {
                        throw new IllegalStateException(mode + " " + Pipes.describe(capacity) + " on " + impl
                                + " did not finish within " + CELL_TIMEOUT_SECONDS + " s");
                    }
                    t.join(100);
                }
            }
        } finally {
            pipes.forEach(Pipe::close);
            threads.forEach(Thread::interrupt);
        }
        if (failure.get() != null) {
            throw new IllegalStateException(mode + " " + Pipes.describe(capacity) + " on " + impl + " failed", failure.get());
        }
    }

    private static void record(Histogram histogram, long nanos) {
        histogram.recordValue(Math.min(Math.max(nanos, 0), histogram.getHighestTrackableValue()));
    }

    /**
     * Spins until {@code receiver} has been {@code WAITING} (parked in its receive) for
     * {@link #SETTLE_NANOS}; fails after {@link #PARK_DEADLINE_NANOS}.
     */
    static void awaitParked(Thread receiver) {
        long start = System.nanoTime();
        long parkedSince = 0;
        while (true) {
            long now = System.nanoTime();
            if (receiver.getState() == Thread.State.WAITING) {
                if (parkedSince == 0) {
                    parkedSince = now;
                } else if (now - parkedSince >= SETTLE_NANOS) {
                    return;
                }
            } else {
                parkedSince = 0;
                if (!receiver.isAlive() && receiver.getState() == Thread.State.TERMINATED) {
                    throw new IllegalStateException("the receiver ended");
                }
            }
            if (now - start > PARK_DEADLINE_NANOS) {
                throw new IllegalStateException("the receiver did not park within "
                        + TimeUnit.NANOSECONDS.toMillis(PARK_DEADLINE_NANOS) + " ms (state " + receiver.getState() + ")");
            }
            Thread.onSpinWait();
        }
    }

    /** {@code true} on JDK 21+, where {@code Thread.ofVirtual()} exists. */
    static boolean virtualThreadsAvailable() {
        return Runtime.version().feature() >= 21;
    }

    /** A platform (daemon) or virtual thread that records its failure. */
    private static Thread thread(boolean virtual, String name, AtomicReference<Throwable> failure, Work work)
            throws ReflectiveOperationException {
        Runnable body = () -> {
            try {
                work.run();
            } catch (Throwable e) {
                failure.compareAndSet(null, e);
            }
        };
        if (!virtual) {
            Thread t = new Thread(body, "latency-" + name);
            t.setDaemon(true);
            return t;
        }
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
        builder = ofVirtual.getMethod("name", String.class).invoke(builder, "latency-" + name);
        Method unstarted = Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class);
        return (Thread) unstarted.invoke(builder, body);
    }
}
