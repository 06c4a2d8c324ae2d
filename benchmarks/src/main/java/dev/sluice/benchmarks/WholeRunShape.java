package dev.sluice.benchmarks;

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
 * WholeRunShape: the whole-run harness' cell ({@link WholeRunChild#runOnce}) as a JMH
 * benchmark, so a change measured there can also be shown with JMH's statistics.
 *
 * <p>One invocation is one whole run in crossbeam's shape: create the queue, start the
 * threads, move {@value #MESSAGES} pre-boxed messages, join, check the sum. Channel creation and
 * thread start are inside the measured time, unlike {@link ChannelShapes}, whose threads and
 * queue live for the whole trial. A Sluice fork first primes every flavor ({@link Priming}), as
 * the whole-run child does, so the flavor calls are megamorphic as in an application. The score
 * is messages per second.
 *
 * <p>On a small shared VM a fork can sit in a slow or a fast mode for its whole life, so the
 * spread is between forks more than between iterations: compare two builds with many short
 * forks, the builds alternating, not with long iterations.
 *
 * <pre>java -jar benchmarks.jar WholeRunShape -p impl=sluice -p scenario='spsc bounded(1024)' -f 10</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(WholeRunShape.MESSAGES)
@Fork(value = 5, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Timeout(time = 120)
public class WholeRunShape {
    /** Messages per whole run: crossbeam's 5 000 000, the whole-run harness' buffered cells. */
    public static final int MESSAGES = 5_000_000;

    /** A {@link Scenario} name whose cell moves {@link #MESSAGES} (not rendezvous nor bounded(1)). */
    @Param({"spsc bounded(1024)", "mpsc bounded(1024)", "mpmc bounded(1024)"})
    public String scenario;

    @Param({"sluice", "ArrayBlockingQueue", "LinkedBlockingQueue"})
    public String impl;

    private Scenario shape;
    private Integer[] messages;

    @Setup
    public void setUp() throws InterruptedException {
        shape = Scenario.parse(scenario);
        if (shape.slow()) {
            throw new IllegalArgumentException(scenario + " moves fewer messages in the whole-run harness;"
                    + " WholeRunShape measures only the " + MESSAGES + "-message cells");
        }
        Pipes.open(impl, shape.capacity()).close();     // an impl without this capacity fails here
        if (impl.equals(Pipes.SLUICE)) {
            Priming.primeSluiceFlavors();
        }
        messages = Messages.boxed(MESSAGES);
    }

    @Benchmark
    public void wholeRun() throws InterruptedException {
        WholeRunChild.runOnce(impl, shape, messages, MESSAGES);
    }
}
