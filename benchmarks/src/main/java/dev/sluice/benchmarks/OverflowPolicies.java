package dev.sluice.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.sluice.Channel;
import dev.sluice.ChannelStats;
import dev.sluice.OverflowPolicy;
import dev.sluice.Receiver;
import dev.sluice.RecvTimeoutResult;
import dev.sluice.Sender;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * OverflowPolicies: the overflow policies side by side on {@code bounded(capacity)}, one
 * producer and one consumer in a JMH group (spsc), plus the cost of reading the counters.
 *
 * <p>The producer's score is sends per second; for the dropping policies a send never waits, so
 * the producer runs ahead. The consumer's score is messages received. BLOCK sends with a
 * short timeout so that JMH can stop the group (a blocked producer whose consumer has finished
 * its iteration would otherwise hang the run). Each iteration prints the channel's sent,
 * received and dropped counts.
 *
 * <p>The counters' cost on the fast path (nothing is counted there: sent/received come from the
 * ring positions) is measured by running {@link Bounded1024} spsc/mpsc on this commit and on
 * the commit before the counters, interleaved (see benchmarks/README and the issue-11 report).
 */
@State(Scope.Group)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OverflowPolicies {
    private static final Integer MSG = 42;
    private static final Duration PATIENCE = Duration.ofMillis(10);

    @Param({"BLOCK", "DROP_NEWEST", "DROP_OLDEST"})
    public OverflowPolicy policy;

    @Param({"1024"})
    public int capacity;

    private Sender<Integer> tx;
    private Receiver<Integer> rx;
    private ChannelStats stats;

    @Setup(Level.Iteration)
    public void open() {
        Channel<Integer> ch = Channel.<Integer>builder().capacity(capacity).overflow(policy).build();
        tx = ch.sender();
        rx = ch.receiver();
        stats = tx.stats();
    }

    @TearDown(Level.Iteration)
    public void close() {
        System.out.printf("  [%s: sent %d, received %d, dropped %d]%n", policy, stats.sent(), stats.received(),
                stats.dropped());
        tx.close();
        rx.close();
    }

    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public Object send() throws InterruptedException {
        return tx.sendTimeout(MSG, PATIENCE);
    }

    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public Object recv() throws InterruptedException {
        RecvTimeoutResult<Integer> r = rx.recvTimeout(PATIENCE);
        return r;
    }

    /** What a metrics scrape costs: every counter of one channel read once. */
    @Benchmark
    @Group("scrape")
    @GroupThreads(1)
    public long readCounters() {
        return stats.sent() + stats.received() + stats.buffered() + stats.dropped()
                + stats.sendersWaiting() + stats.receiversWaiting() + stats.sendBlockedCount();
    }
}
