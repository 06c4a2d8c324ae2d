package dev.sluice.benchmarks;

import java.util.concurrent.LinkedTransferQueue;

/**
 * TransferQueuePipe: a {@link LinkedTransferQueue} used as a rendezvous, {@code transfer} waiting
 * until a consumer has taken each message (the JDK's other synchronous hand-off besides
 * {@link java.util.concurrent.SynchronousQueue}).
 */
final class TransferQueuePipe extends Pipe {
    private final LinkedTransferQueue<Integer> queue = new LinkedTransferQueue<>();

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            queue.transfer(messages[i]);
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
