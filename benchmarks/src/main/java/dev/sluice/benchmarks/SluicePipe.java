package dev.sluice.benchmarks;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;

/** SluicePipe: a Sluice channel driven by blocking {@code send} and {@code recv}. */
final class SluicePipe extends Pipe {
    private final Sender<Integer> tx;
    private final Receiver<Integer> rx;

    SluicePipe(Channel<Integer> channel) {
        this.tx = channel.sender();
        this.rx = channel.receiver();
    }

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            tx.send(messages[i]);
        }
    }

    @Override
    long consume(int count) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += rx.recv();
        }
        return sum;
    }

    @Override
    public void close() {
        tx.close();
        rx.close();
    }
}
