package dev.sluice.benchmarks;

import com.softwaremill.jox.Channel;
import com.softwaremill.jox.Select;
import com.softwaremill.jox.SelectClause;
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
 * JoxSelectBenchmark: {@link SelectBenchmark}'s two shapes with Jox 1.0.1's {@code Select.select}
 * (Java 21+; belongs in the JDK 21+ source set). Same thread counts, message counts and
 * capacities, so the two classes' cells compare one to one. Jox's select is biased (first ready
 * clause), Sluice's default is fair.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(SelectBenchmark.MESSAGES)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Timeout(time = 60)
public class JoxSelectBenchmark {
    private static final int MESSAGES = SelectBenchmark.MESSAGES;
    private static final int CHANNELS = SelectBenchmark.CHANNELS;

    @Param({"0", "1", "1000", "-1"})
    public int capacity;

    private List<Channel<Integer>> channels;

    @Setup
    public void open() {
        channels = new ArrayList<>();
        for (int i = 0; i < CHANNELS; i++) {
            channels.add(capacity < 0 ? Channel.newUnlimitedChannel()
                    : capacity == 0 ? Channel.newRendezvousChannel() : Channel.newBufferedChannel(capacity));
        }
    }

    @SuppressWarnings("unchecked")
    private SelectClause<Integer>[] receiveClauses() {
        SelectClause<Integer>[] clauses = new SelectClause[CHANNELS];
        for (int i = 0; i < CHANNELS; i++) {
            clauses[i] = channels.get(i).receiveClause();
        }
        return clauses;
    }

    @Benchmark
    public long selectRx() throws Exception {
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < CHANNELS; t++) {
            Channel<Integer> ch = channels.get(t);
            producers.add(SelectBenchmark.start(() -> {
                for (int i = 0; i < MESSAGES / CHANNELS; i++) {
                    ch.send(i);
                }
            }));
        }
        long sum = 0;
        for (int i = 0; i < MESSAGES; i++) {
            sum += Select.select(receiveClauses());    // Jox clauses are single-use
        }
        SelectBenchmark.joinAll(producers);
        return sum;
    }

    @Benchmark
    @SuppressWarnings("unchecked")
    public long selectBoth() throws Exception {
        List<Thread> threads = new ArrayList<>();
        Integer msg = 1;
        for (int t = 0; t < CHANNELS; t++) {
            threads.add(SelectBenchmark.start(() -> {
                for (int i = 0; i < MESSAGES / CHANNELS; i++) {
                    SelectClause<Void>[] clauses = new SelectClause[CHANNELS];
                    for (int c = 0; c < CHANNELS; c++) {
                        clauses[c] = channels.get(c).sendClause(msg);
                    }
                    Select.select(clauses);
                }
            }));
        }
        long[] sums = new long[CHANNELS];
        for (int t = 0; t < CHANNELS; t++) {
            int id = t;
            threads.add(SelectBenchmark.start(() -> {
                long sum = 0;
                for (int i = 0; i < MESSAGES / CHANNELS; i++) {
                    sum += Select.select(receiveClauses());
                }
                sums[id] = sum;
            }));
        }
        SelectBenchmark.joinAll(threads);
        long sum = 0;
        for (long s : sums) {
            sum += s;
        }
        return sum;
    }
}
