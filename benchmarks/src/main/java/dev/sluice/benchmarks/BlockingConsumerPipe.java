package dev.sluice.benchmarks;

import org.jctools.queues.varhandle.MpscBlockingConsumerVarHandleArrayQueue;

/**
 * BlockingConsumerPipe: JCTools' {@code MpscBlockingConsumerArrayQueue} (its VarHandle build,
 * {@code org.jctools:jctools-core-jdk11}'s {@code MpscBlockingConsumerVarHandleArrayQueue}):
 * many producers, one consumer that parks in {@code take()} while the queue is empty.
 *
 * <p>Algorithm (JCTools'): an array queue whose producer index claims a slot by CAS; the consumer
 * announces that it is about to park by marking the producer limit ("blocked" bit), and the
 * producer that sees the mark unparks it. Only the consumer blocks: {@code put} on a full queue
 * is unsupported, so a producer retries {@code offer} with {@link Backoff#spinThenPark}, the usual
 * hand-rolled loop. One consumer only: no mpmc variant.
 */
final class BlockingConsumerPipe extends Pipe {
    private final MpscBlockingConsumerVarHandleArrayQueue<Integer> queue;

    BlockingConsumerPipe(int capacity) {
        this.queue = new MpscBlockingConsumerVarHandleArrayQueue<>(capacity);
    }

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            for (int attempt = 0; !queue.offer(messages[i]); attempt++) {
                Backoff.spinThenPark(attempt);
            }
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
