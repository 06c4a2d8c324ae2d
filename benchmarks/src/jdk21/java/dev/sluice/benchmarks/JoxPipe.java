package dev.sluice.benchmarks;

import com.softwaremill.jox.Channel;

/**
 * JoxPipe: a Jox channel ({@code com.softwaremill.jox:channels}, Java 21+) driven by blocking
 * {@code send} and {@code receive}.
 *
 * <p>Compiled only by the {@code jdk21-peers} profile (release 21) and created by
 * {@link Pipes#open} through reflection, so the Java 17 classes never link against it.
 * Capacity 0 is Jox's rendezvous channel, {@link Pipes#UNBOUNDED} its unlimited one.
 */
final class JoxPipe extends Pipe {
    private final Channel<Integer> channel;

    JoxPipe(int capacity) {
        this.channel = capacity == 0 ? Channel.newRendezvousChannel()
                : capacity == Pipes.UNBOUNDED ? Channel.newUnlimitedChannel()
                : Channel.newBufferedChannel(capacity);
    }

    @Override
    void produce(Integer[] messages, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            channel.send(messages[i]);
        }
    }

    @Override
    long consume(int count) throws InterruptedException {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += channel.receive();
        }
        return sum;
    }
}
