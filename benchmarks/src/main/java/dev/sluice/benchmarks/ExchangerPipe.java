package dev.sluice.benchmarks;

import java.util.concurrent.Exchanger;

/**
 * ExchangerPipe: a {@link Exchanger} used as a one-way rendezvous: the producer exchanges each
 * message for {@code null}, the consumer {@code null} for a message.
 *
 * <p>An exchanger pairs any two threads, so two producers could swap messages with each other:
 * it is correct with exactly one producer and one consumer, and {@link Scenario#supports} offers
 * it only there.
 */
final class ExchangerPipe extends Pipe {
    private final Exchanger<Integer> exchanger = new Exchanger<>();

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            if (exchanger.exchange(messages[i]) != null) {
                throw new IllegalStateException("a producer met another producer");
            }
        }
    }

    @Override
    long consume(int count) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            Integer value = exchanger.exchange(null);
            if (value == null) {
                throw new IllegalStateException("a consumer met another consumer");
            }
            sum += value;
        }
        return sum;
    }
}
