package dev.sluice.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * BridgeBenchmark: a blocking producer thread streaming {@link #MESSAGES} messages to a
 * {@code Flux} subscriber on another thread, through each {@link BridgePath}.
 *
 * <p>Every invocation builds a fresh route (channel, sink, queue or publisher), subscribes through
 * {@code publishOn(consumer, 256)}, lets the producer thread emit everything and complete, and
 * waits for the subscriber's completion, checking that every message arrived once and in order;
 * the score is messages per second. Threads are the {@link BridgeRig}'s, started per trial.
 *
 * <p>JIT hygiene as in {@link ChannelShapes}: each trial first primes every Sluice flavor and runs
 * every path a few times, so the shared call sites (Sluice's flavor dispatch, Reactor's
 * {@code Subscription.request}/{@code onNext} in {@code publishOn}) are polymorphic as in an
 * application, then measures one path; one fork per path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(BridgeBenchmark.MESSAGES)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Timeout(time = 120)
public class BridgeBenchmark {
    /** Messages per invocation. */
    public static final int MESSAGES = 1_000_000;

    private static final int PRIMING_ROUNDS = 3;
    private static final int PRIMING_MESSAGES = 20_000;

    @Param({"channelFlux", "channelSinks", "sinksUnicastSpin", "submissionPublisher",
            "generateArrayBlockingQueue", "kotlinChannelAsFlux", "sinksUnicastUnbounded", "fluxCreateBuffer",
            "fluxRangeCeiling"})
    public String path;

    private final Integer[] messages = Messages.boxed(MESSAGES);
    private BridgeRig rig;
    private BridgePath measured;

    @Setup(Level.Trial)
    public void startRig() throws Exception {
        Priming.primeSluiceFlavors();
        rig = new BridgeRig();
        measured = BridgePath.valueOf(path);
        Integer[] few = Messages.boxed(PRIMING_MESSAGES);
        for (int round = 0; round < PRIMING_ROUNDS; round++) {
            for (BridgePath each : BridgePath.values()) {
                try {
                    rig.run(each, few, null, 0);
                } catch (Exception e) {
                    if (each == measured) {
                        throw e;
                    }
                    System.err.println("WARNING: priming bridge path " + each + " failed: " + e);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void stopRig() {
        rig.close();
    }

    @Benchmark
    public void stream() throws Exception {
        rig.run(measured, messages, null, 0);
    }
}
