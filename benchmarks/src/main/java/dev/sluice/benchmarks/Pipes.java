package dev.sluice.benchmarks;

import dev.sluice.Channel;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;

/**
 * Pipes: the queues under test, by the names the benchmarks use as {@code @Param impl}.
 *
 * <table>
 *   <caption>impl × capacity</caption>
 *   <tr><th>impl</th><th>0 (rendezvous)</th><th>1, 1024</th><th>{@link #UNBOUNDED}</th></tr>
 *   <tr><td>{@code sluice}</td><td>{@code Channel.bounded(0)}</td><td>{@code Channel.bounded(n)}</td>
 *       <td>{@code Channel.unbounded()}</td></tr>
 *   <tr><td>{@code ArrayBlockingQueue}</td><td>-</td><td>{@code new ArrayBlockingQueue(n)}</td><td>-</td></tr>
 *   <tr><td>{@code LinkedBlockingQueue}</td><td>-</td><td>{@code new LinkedBlockingQueue(n)}</td>
 *       <td>{@code new LinkedBlockingQueue()}</td></tr>
 *   <tr><td>{@code LinkedTransferQueue}</td><td>{@code transfer} / {@code take}</td><td>-</td>
 *       <td>{@code put} / {@code take}</td></tr>
 *   <tr><td>{@code SynchronousQueue}</td><td>{@code put} / {@code take}</td><td>-</td><td>-</td></tr>
 *   <tr><td>{@code jox} (JDK 21+)</td><td>{@code newRendezvousChannel}</td><td>{@code newBufferedChannel(n)}</td>
 *       <td>{@code newUnlimitedChannel}</td></tr>
 *   <tr><td>{@code Exchanger}</td><td>{@code exchange} (one producer, one consumer)</td><td>-</td><td>-</td></tr>
 * </table>
 *
 * <p>The anchors ({@link #ANCHORS}: the LMAX Disruptor and JCTools, at capacity 2 or more) exist
 * only in the thread counts they are correct for, see {@link Scenario#supports}: {@code -sp-} and
 * {@code spsc} variants take one producer, Disruptor and {@code mpsc} variants one consumer.
 * {@code disruptor-*-blocking} uses {@code BlockingWaitStrategy} (its default), {@code -yielding}
 * {@code YieldingWaitStrategy}; {@code jctools-mpsc-blocking} is {@code MpscBlockingConsumerArrayQueue}
 * ({@link BlockingConsumerPipe}); {@code jctools-*-spin} never park ({@link SpinningPipe}, a ceiling).
 */
final class Pipes {
    /** The capacity value meaning "unbounded". */
    static final int UNBOUNDED = -1;

    static final String SLUICE = "sluice";
    /** Jox 1.0.1: present only in a jar built on JDK 21+ and usable only on a JDK 21+ runtime. */
    static final String JOX = "jox";
    private static final String JOX_PIPE = "dev.sluice.benchmarks.JoxPipe";

    static final String DISRUPTOR_SP_BLOCKING = "disruptor-sp-blocking";
    static final String DISRUPTOR_MP_BLOCKING = "disruptor-mp-blocking";
    static final String DISRUPTOR_SP_YIELDING = "disruptor-sp-yielding";
    static final String DISRUPTOR_MP_YIELDING = "disruptor-mp-yielding";
    static final String JCTOOLS_MPSC_BLOCKING = "jctools-mpsc-blocking";
    static final String JCTOOLS_SPSC_SPIN = "jctools-spsc-spin";
    static final String JCTOOLS_MPSC_SPIN = "jctools-mpsc-spin";
    static final String JCTOOLS_MPMC_SPIN = "jctools-mpmc-spin";
    static final String EXCHANGER = "Exchanger";

    /** The stronger anchors of the bounded cells, in table order. */
    static final java.util.List<String> ANCHORS = java.util.List.of(DISRUPTOR_SP_BLOCKING, DISRUPTOR_MP_BLOCKING,
            DISRUPTOR_SP_YIELDING, DISRUPTOR_MP_YIELDING, JCTOOLS_MPSC_BLOCKING, JCTOOLS_SPSC_SPIN, JCTOOLS_MPSC_SPIN,
            JCTOOLS_MPMC_SPIN);

    private Pipes() {
    }

    /** A new, empty pipe; {@code capacity} is 0 for a rendezvous or {@link #UNBOUNDED}. */
    static Pipe open(String impl, int capacity) {
        Pipe pipe = switch (impl) {
            case SLUICE -> new SluicePipe(capacity == UNBOUNDED ? Channel.unbounded() : Channel.bounded(capacity));
            case "ArrayBlockingQueue" -> capacity >= 1 ? new BlockingQueuePipe(new ArrayBlockingQueue<>(capacity)) : null;
            case "LinkedBlockingQueue" -> capacity >= 1
                    ? new BlockingQueuePipe(new LinkedBlockingQueue<>(capacity))
                    : capacity == UNBOUNDED ? new BlockingQueuePipe(new LinkedBlockingQueue<>()) : null;
            case "LinkedTransferQueue" -> capacity == 0
                    ? new TransferQueuePipe()
                    : capacity == UNBOUNDED ? new BlockingQueuePipe(new LinkedTransferQueue<>()) : null;
            case "SynchronousQueue" -> capacity == 0 ? new BlockingQueuePipe(new SynchronousQueue<>()) : null;
            case JOX -> jox(capacity);
            case EXCHANGER -> capacity == 0 ? new ExchangerPipe() : null;
            case DISRUPTOR_SP_BLOCKING -> capacity >= 2 ? new DisruptorPipe(capacity, false, true) : null;
            case DISRUPTOR_MP_BLOCKING -> capacity >= 2 ? new DisruptorPipe(capacity, true, true) : null;
            case DISRUPTOR_SP_YIELDING -> capacity >= 2 ? new DisruptorPipe(capacity, false, false) : null;
            case DISRUPTOR_MP_YIELDING -> capacity >= 2 ? new DisruptorPipe(capacity, true, false) : null;
            case JCTOOLS_MPSC_BLOCKING -> capacity >= 2 ? new BlockingConsumerPipe(capacity) : null;
            case JCTOOLS_SPSC_SPIN -> capacity >= 2 ? new SpinningPipe(SpinningPipe.Kind.SPSC, capacity) : null;
            case JCTOOLS_MPSC_SPIN -> capacity >= 2 ? new SpinningPipe(SpinningPipe.Kind.MPSC, capacity) : null;
            case JCTOOLS_MPMC_SPIN -> capacity >= 2 ? new SpinningPipe(SpinningPipe.Kind.MPMC, capacity) : null;
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        if (pipe == null) {
            throw new IllegalArgumentException(impl + " has no variant with capacity " + describe(capacity));
        }
        return pipe;
    }

    /** {@code true} if this jar holds the Jox pipe and this JVM can run it. */
    static boolean joxAvailable() {
        return Runtime.version().feature() >= 21 && joxInJar();
    }

    /** {@code true} if the jar was built on JDK 21+ (it holds the Jox pipe); checked without loading it. */
    static boolean joxInJar() {
        return Pipes.class.getClassLoader().getResource(JOX_PIPE.replace('.', '/') + ".class") != null;
    }

    private static Pipe jox(int capacity) {
        if (!joxAvailable()) {
            throw new IllegalArgumentException("jox needs a JDK 21+ runtime and a jar built on JDK 21+ (profile jdk21-peers)");
        }
        try {
            var constructor = Class.forName(JOX_PIPE).getDeclaredConstructor(int.class);
            return (Pipe) constructor.newInstance(capacity);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + JOX_PIPE, e);
        }
    }

    /** A short label for tables: the JDK queues abbreviated, anchors by library and variant. */
    static String label(String impl) {
        return switch (impl) {
            case "ArrayBlockingQueue" -> "ABQ";
            case "LinkedBlockingQueue" -> "LBQ";
            case "LinkedTransferQueue" -> "LTQ";
            case "SynchronousQueue" -> "SQ";
            default -> impl;
        };
    }

    /** "rendezvous", "bounded(n)" or "unbounded". */
    static String describe(int capacity) {
        return capacity == 0 ? "rendezvous" : capacity == UNBOUNDED ? "unbounded" : "bounded(" + capacity + ")";
    }
}
