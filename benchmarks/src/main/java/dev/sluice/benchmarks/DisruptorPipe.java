package dev.sluice.benchmarks;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;

/**
 * DisruptorPipe: the LMAX Disruptor 4.0's ring buffer ({@code com.lmax:disruptor}) as a queue of
 * {@code Integer}s, with one consumer.
 *
 * <p>Algorithm (the Disruptor's own, used through its public API as a hand-written event
 * processor does): a producer claims a sequence with {@code RingBuffer.next()}, which parks 1 ns
 * at a time while the ring is full (the Disruptor's producer policy, whatever the wait
 * strategy), writes the pre-allocated slot and {@code publish}es it. The consumer waits on a
 * {@link SequenceBarrier} for the next sequence, reads every slot published up to the one it
 * got (batching, as {@code BatchEventProcessor} does) and then advances its gating
 * {@link Sequence}, which frees those slots for the producers. Invariant: the consumer's sequence
 * is the last slot it has read, so a producer never overwrites an unread slot.
 *
 * <p>Variants: single-producer ({@code ProducerType.SINGLE}'s sequencer, one producer thread only)
 * or multi-producer; {@link BlockingWaitStrategy} (a lock and condition: the consumer parks, every
 * publish signals; also the Disruptor's default in 4.0, {@code RingBuffer.createMultiProducer(factory, size)})
 * or {@link YieldingWaitStrategy} (spins 100 times, then yields; never parks: the low-latency
 * strategy LMAX's own performance tests use). One consumer only: Disruptor 4.0 has no work pool,
 * so there is no mpmc variant.
 */
final class DisruptorPipe extends Pipe {
    /** A pre-allocated slot of the ring. */
    private static final class Slot {
        Integer value;
    }

    private final RingBuffer<Slot> ring;
    private final SequenceBarrier barrier;
    /** The last sequence the consumer has read: the ring's gating sequence. */
    private final Sequence consumed = new Sequence(RingBuffer.INITIAL_CURSOR_VALUE);

    DisruptorPipe(int capacity, boolean multiProducer, boolean blocking) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("the Disruptor's ring needs a power-of-two capacity, not " + capacity);
        }
        WaitStrategy wait = blocking ? new BlockingWaitStrategy() : new YieldingWaitStrategy();
        ring = multiProducer ? RingBuffer.createMultiProducer(Slot::new, capacity, wait)
                : RingBuffer.createSingleProducer(Slot::new, capacity, wait);
        barrier = ring.newBarrier();
        ring.addGatingSequences(consumed);
    }

    @Override
    void produce(Integer[] messages, int from, int to) {
        for (int i = from; i < to; i++) {
            long sequence = ring.next();
            ring.get(sequence).value = messages[i];
            ring.publish(sequence);
        }
    }

    @Override
    long consume(int count) throws InterruptedException {
        long sum = 0;
        long next = consumed.get() + 1;
        long end = next + count;                 // exclusive
        while (next < end) {
            long available;
            try {
                available = barrier.waitFor(next);
            } catch (AlertException | TimeoutException e) {
                throw new IllegalStateException("the Disruptor pipe was closed", e);
            }
            long last = Math.min(available, end - 1);
            for (long s = next; s <= last; s++) {
                sum += ring.get(s).value;
            }
            consumed.set(last);
            next = last + 1;
        }
        return sum;
    }

    /** Wakes a consumer waiting on the barrier (it then fails with "closed"). */
    @Override
    public void close() {
        barrier.alert();
    }
}
