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
 * </table>
 */
final class Pipes {
    /** The capacity value meaning "unbounded". */
    static final int UNBOUNDED = -1;

    static final String SLUICE = "sluice";

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
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        if (pipe == null) {
            throw new IllegalArgumentException(impl + " has no variant with capacity " + describe(capacity));
        }
        return pipe;
    }

    /** "rendezvous", "bounded(n)" or "unbounded". */
    static String describe(int capacity) {
        return capacity == 0 ? "rendezvous" : capacity == UNBOUNDED ? "unbounded" : "bounded(" + capacity + ")";
    }
}
