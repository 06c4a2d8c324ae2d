package dev.sluice.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * ChannelShapes: the four workloads of crossbeam-channel's comparison suite, for one queue.
 *
 * <p>Each invocation moves {@link #MESSAGES} distinct {@code Integer}s through the queue with
 * blocking send/put and recv/take, and checks that the values received add up to what was sent
 * (nothing lost, nothing duplicated), so the score is messages per second:
 * <ul>
 *   <li>{@code seq}: the benchmark thread sends a batch then receives it, repeatedly; the batch
 *       is the capacity (1, 1024, or everything for unbounded). No rendezvous variant, as in
 *       crossbeam: one thread cannot meet itself.</li>
 *   <li>{@code spsc}: one producer thread, the benchmark thread receives.</li>
 *   <li>{@code mpsc}: {@value #THREADS} producer threads, the benchmark thread receives.</li>
 *   <li>{@code mpmc}: {@value #THREADS} producers and {@value #THREADS} consumers; the benchmark
 *       thread only starts and joins the round.</li>
 * </ul>
 * The worker threads are a {@link Crew} created on the first invocation of a shape and reused
 * for the whole trial.
 *
 * <p>JIT hygiene. Sluice dispatches every operation through its sealed
 * {@code Flavor} interface; in a JVM that only ever saw one flavor that call site would be
 * monomorphic and inlined, a best case no application that uses two kinds of channel gets. So
 * each trial first primes all three flavors (rendezvous, array, list) through the same send and
 * receive loops, as JCTools' {@code createQandPrimeCompilation} does, and only then builds the
 * queue it measures. And every cell runs in its own fork, so what one cell leaves in the JIT or
 * the heap (an unbounded cell's garbage, a deoptimization) cannot leak into the next. The JDK
 * queues are called from a monomorphic site in the benchmark's own loop, their best case.
 *
 * <p>Subclasses fix the capacity and declare {@code @Param impl} (see {@link Pipes}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(ChannelShapes.MESSAGES)
@Fork(value = 3, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
@Timeout(time = 60)
public abstract class ChannelShapes {
    /** Messages moved per invocation (crossbeam moves 5 000 000 per run; we repeat shorter runs). */
    public static final int MESSAGES = 100_000;
    /** Producers in mpsc and mpmc, consumers in mpmc (crossbeam's {@code THREADS}). */
    public static final int THREADS = 4;

    /**
     * The messages {@code 0 .. MESSAGES-1}, boxed once so sending allocates nothing. Tests of the
     * harness use fewer ({@link #useMessages}); JMH scores assume {@link #MESSAGES}.
     */
    private Integer[] messages = Messages.boxed(MESSAGES);
    private long expectedSum = sumBelow(MESSAGES);

    private Pipe pipe;
    private Crew spsc;
    private Crew mpsc;
    private Crew mpmc;

    private static long sumBelow(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** For harness tests only: moves {@code count} messages per invocation instead of {@link #MESSAGES}. */
    final void useMessages(int count) {
        messages = Messages.boxed(count);
        expectedSum = sumBelow(count);
    }

    /** The queue implementation under test, one of {@link Pipes}' names. */
    protected abstract String impl();

    /** The capacity: 0, n, or {@link Pipes#UNBOUNDED}. */
    protected abstract int capacity();

    @Setup(Level.Trial)
    public void openPipe() throws InterruptedException {
        Priming.primeSluiceFlavors();
        pipe = Pipes.open(impl(), capacity());
    }

    @TearDown(Level.Trial)
    public void closePipe() {
        for (Crew crew : new Crew[] {spsc, mpsc, mpmc}) {
            if (crew != null) {
                crew.close();
            }
        }
        pipe.close();
    }

    /** One thread: send a batch, receive it, until every message went through. */
    protected final void runSeq() throws InterruptedException {
        int total = messages.length;
        int batch = capacity() == Pipes.UNBOUNDED ? total : capacity();
        if (batch == 0) {
            throw new UnsupportedOperationException("a rendezvous cannot be used by one thread alone");
        }
        long sum = 0;
        for (int from = 0; from < total; from += batch) {
            int to = Math.min(from + batch, total);
            pipe.produce(messages, from, to);
            sum += pipe.consume(to - from);
        }
        check(sum);
    }

    /** One producer thread; this thread receives. */
    protected final void runSpsc() throws InterruptedException {
        if (spsc == null) {
            spsc = new Crew("spsc", pipe, messages, 1, 0);
        }
        spsc.startRound();
        check(consumeWhileWorking(spsc));
    }

    /** {@link #THREADS} producer threads; this thread receives. */
    protected final void runMpsc() throws InterruptedException {
        if (mpsc == null) {
            mpsc = new Crew("mpsc", pipe, messages, THREADS, 0);
        }
        mpsc.startRound();
        check(consumeWhileWorking(mpsc));
    }

    /** {@link #THREADS} producer and {@link #THREADS} consumer threads. */
    protected final void runMpmc() throws InterruptedException {
        if (mpmc == null) {
            mpmc = new Crew("mpmc", pipe, messages, THREADS, THREADS);
        }
        mpmc.startRound();
        check(mpmc.awaitConsumers());
    }

    /** Receives every message on this thread; a worker's failure is reported as the cause. */
    private long consumeWhileWorking(Crew crew) throws InterruptedException {
        try {
            return pipe.consume(messages.length);
        } catch (RuntimeException e) {
            crew.checkHealthy(e);
            throw e;
        }
    }

    private void check(long sum) {
        if (sum != expectedSum) {
            throw new IllegalStateException("received values sum to " + sum + ", sent " + expectedSum
                    + ": a message was lost or duplicated");
        }
    }
}
