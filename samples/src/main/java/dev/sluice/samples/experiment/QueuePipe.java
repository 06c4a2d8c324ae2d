package dev.sluice.samples.experiment;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import reactor.core.publisher.Flux;

/**
 * The {@code jdk-abq} baseline: an {@link ArrayBlockingQueue} of the run's capacity. Producers
 * {@code offer(e, timeout)}, thread consumers {@code take()}.
 *
 * <p>A queue has no disconnection, so the end of the stream is one {@link #END} marker per
 * consumer, put by {@link #producersDone()} after the backlog (consumers are draining by then,
 * so the puts find room; they wait at most {@value #END_TIMEOUT_SECONDS} s and fail loudly
 * otherwise). {@link #depth()} is {@code size()}, which may count a marker at the very end.
 */
final class QueuePipe implements Pipe {

    /** The end-of-stream marker: compared by identity. */
    static final Stamp END = new Stamp(0, 0);
    private static final long END_TIMEOUT_SECONDS = 30;

    private final ArrayBlockingQueue<Stamp> queue;
    private final int consumers;

    QueuePipe(int capacity, int consumers) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.consumers = consumers;
    }

    @Override
    public Inlet newInlet() {
        return new Inlet() {
            @Override
            public Outcome send(Stamp stamp, long timeoutNanos) throws InterruptedException {
                return queue.offer(stamp, timeoutNanos, TimeUnit.NANOSECONDS) ? Outcome.SENT : Outcome.TIMEOUT;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Outlet newOutlet() {
        return new Outlet() {
            @Override
            public Stamp recv() throws InterruptedException {
                Stamp stamp = queue.take();
                return stamp == END ? null : stamp;
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public Flux<Stamp> newFlux() {
        throw new UnsupportedOperationException("jdk-abq is read by a thread consumer");
    }

    @Override
    public int depth() {
        return queue.size();
    }

    @Override
    public void producersDone() throws InterruptedException {
        for (int i = 0; i < consumers; i++) {
            if (!queue.offer(END, END_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the queue stayed full for " + END_TIMEOUT_SECONDS
                        + " s after the run: a consumer stopped taking");
            }
        }
    }

    @Override
    public void close() {
        queue.clear();
    }
}
