package dev.sluice.benchmarks;

import java.util.concurrent.BlockingQueue;

/**
 * BlockingQueuePipe: a JDK {@link BlockingQueue} driven by {@code put} and {@code take}.
 *
 * <p>The calls go through the interface, but each benchmark cell runs in its own fork and uses one
 * queue class, so C2 sees a monomorphic site and inlines the concrete {@code put}/{@code take}: the
 * JDK queues get their best case.
 */
final class BlockingQueuePipe extends Pipe {
    private final BlockingQueue<Integer> queue;

    BlockingQueuePipe(BlockingQueue<Integer> queue) {
        this.queue = queue;
    }

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            queue.put(messages[i]);
        }
    }

    @Override
    long consume(int count) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += queue.take();
        }
        return sum;
    }
}
