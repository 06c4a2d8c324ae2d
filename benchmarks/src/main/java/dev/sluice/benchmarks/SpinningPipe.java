package dev.sluice.benchmarks;

import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.varhandle.MpmcVarHandleArrayQueue;
import org.jctools.queues.varhandle.MpscVarHandleArrayQueue;
import org.jctools.queues.varhandle.SpscVarHandleArrayQueue;

/**
 * SpinningPipe: a JCTools array queue ({@code SpscArrayQueue}, {@code MpscArrayQueue} or
 * {@code MpmcArrayQueue}, their VarHandle builds in {@code jctools-core-jdk11}) with both sides
 * spinning: the never-park ceiling of a bounded queue.
 *
 * <p>Algorithm: JCTools' lock-free bounded arrays (Lamport's single-producer ring with
 * look-ahead for spsc; a CAS on the producer index for mpsc; Vyukov's sequence-stamped slots for
 * mpmc). Neither side ever parks: a full {@code offer} or an empty {@code poll} is retried after
 * {@link Backoff#spinThenYield}. It is a ceiling, not a peer: it burns a core per waiting thread,
 * which no channel that parks while idle can afford. Each variant serves only the thread counts it
 * is correct for ({@link Scenario#supports}).
 */
final class SpinningPipe extends Pipe {
    /** The three variants: single or many producers, one or many consumers. */
    enum Kind { SPSC, MPSC, MPMC }

    private final MessagePassingQueue<Integer> queue;

    SpinningPipe(Kind kind, int capacity) {
        this.queue = switch (kind) {
            case SPSC -> new SpscVarHandleArrayQueue<>(capacity);
            case MPSC -> new MpscVarHandleArrayQueue<>(capacity);
            case MPMC -> new MpmcVarHandleArrayQueue<>(Math.max(2, capacity));
        };
    }

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            for (int attempt = 0; !queue.relaxedOffer(messages[i]); attempt++) {
                Backoff.spinThenYield(attempt);
            }
        }
    }

    @Override
    long consume(int count) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            Integer value;
            for (int attempt = 0; (value = queue.relaxedPoll()) == null; attempt++) {
                Backoff.spinThenYield(attempt);
            }
            sum += value;
        }
        return sum;
    }
}
