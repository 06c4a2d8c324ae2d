package dev.sluice.benchmarks;

import dev.sluice.Channel;
import dev.sluice.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SelectBenchmark: crossbeam-channel's {@code select_rx} and {@code select_both} shapes over
 * {@link #CHANNELS} Sluice channels (ops/s = messages per second).
 *
 * <ul>
 *   <li>{@code selectRx}: {@link #CHANNELS} producer threads, each sending on its own channel;
 *       this thread receives every message with a select over all receivers.</li>
 *   <li>{@code selectBoth}: {@link #CHANNELS} producer threads, each sending with a select over
 *       send operations on all channels, and {@link #CHANNELS} consumer threads, each receiving
 *       with a select over all receivers.</li>
 * </ul>
 * {@code capacity}: 0 = rendezvous, -1 = unbounded (crossbeam's bounded0, bounded1, bounded_n,
 * unbounded). Jox's select in the same shapes is {@code JoxSelectBenchmark} (JDK 21+ source set).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SelectBenchmark.MESSAGES)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Timeout(time = 60)
public class SelectBenchmark {
    public static final int MESSAGES = 100_000;
    public static final int CHANNELS = 4;

    @Param({"0", "1", "1000", "-1"})
    public int capacity;

    private List<Channel<Integer>> channels;

    @Setup
    public void open() {
        channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(capacity < 0 ? Channel.unbounded() : Channel.bounded(capacity));
        }
    }

    @Benchmark
    public long selectRx() throws Exception {
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < CHANNELS; t++) {
            Channel<Integer> ch = channels.get(t);
            producers.add(start(() -> {
                for (int i = 0; i < MESSAGES / CHANNELS; i++) {
                    ch.sender().send(i);
                }
            }));
        }
        Select sel = new Select();
        for (Channel<Integer> ch : channels) {
            sel.recv(ch.receiver());
        }
        long sum = 0;
        for (int i = 0; i < MESSAGES; i++) {
            sum += sel.select().<Integer>value();
        }
        joinAll(producers);
        return sum;
    }

    @Benchmark
    public long selectBoth() throws Exception {
        List<Thread> threads = new ArrayList<>();
        Integer msg = 1;
        for (int t = 0; t < CHANNELS; t++) {
            threads.add(start(() -> {
                Select sel = new Select();
                for (Channel<Integer> ch : channels) {
                    sel.send(ch.sender(), msg);
                }
                for (int i = 0; i < MESSAGES / CHANNELS; i++) {
                    sel.select();
                }
            }));
        }
        long[] sums = new long[CHANNELS];
        for (int t = 0; t < CHANNELS; t++) {
            int id = t;
            threads.add(start(() -> {
                Select sel = new Select();
                for (Channel<Integer> ch : channels) {
                    sel.recv(ch.receiver());
                }
                long sum = 0;
                for (int i = 0; i < MESSAGES / CHANNELS; i++) {
                    sum += sel.select().<Integer>value();
                }
                sums[id] = sum;
            }));
        }
        joinAll(threads);
        long sum = 0;
        for (long s : sums) {
            sum += s;
        }
        return sum;
    }

    /** A body that may throw; a failure fails the benchmark via {@link #joinAll}. */
    interface Body {
        void run() throws Exception;
    }

    static Thread start(Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return t;
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(60));
            if (t.isAlive()) {
                throw new IllegalStateException("a benchmark thread hung: " + t);
            }
        }
    }
}
