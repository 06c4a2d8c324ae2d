package dev.sluice.samples.web;

import dev.sluice.Channel;
import dev.sluice.OverflowPolicy;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * ProducerGroup: the state of one SSE stream: a bounded channel, the {@link LegacyProducer}
 * threads that feed it, and the consumer's pace.
 *
 * <p>Life cycle: {@link #start} creates {@code Channel.bounded(capacity)}, gives every producer
 * its own clone of the sender, closes the original sender (so the channel disconnects for the
 * receiver once every producer has ended) and starts the threads. {@link #close()} closes the
 * receiver; each producer then fails its next or current {@code send} and ends (see
 * {@link LegacyProducer}). Nothing else stops the threads, so a closed group's threads all end
 * within one read interval; {@link #allStopped()} completes when the last one has.
 *
 * <p>Threads are named {@code producer-<k> (stream <id>)}: platform daemon threads, so a stream
 * left open never keeps the JVM alive.
 */
final class ProducerGroup implements AutoCloseable {
    /** Prefix of every producer thread's name. */
    static final String THREAD_PREFIX = "producer-";

    private final long id;
    private final int capacity;
    private final OverflowPolicy policy;
    private final Receiver<Reading> receiver;
    private final List<LegacyProducer> producers;
    private final Sinks.Empty<Void> allStopped = Sinks.empty();
    private volatile long delayMs;

    private ProducerGroup(long id, int capacity, OverflowPolicy policy, Receiver<Reading> receiver,
            List<LegacyProducer> producers, long delayMs) {
        this.id = id;
        this.capacity = capacity;
        this.policy = policy;
        this.receiver = receiver;
        this.producers = producers;
        this.delayMs = delayMs;
    }

    /** Creates the channel and starts {@code settings.producers()} threads for stream {@code id}. */
    static ProducerGroup start(long id, DemoSettings settings, long delayMs) {
        return start(id, settings, delayMs, OverflowPolicy.BLOCK);
    }

    /** As {@link #start(long, DemoSettings, long)}, with the page's overflow policy. */
    static ProducerGroup start(long id, DemoSettings settings, long delayMs, OverflowPolicy policy) {
        Channel<Reading> channel = Channel.<Reading>builder().capacity(settings.capacity()).overflow(policy)
                .name("live-demo").build();
        AtomicInteger running = new AtomicInteger(settings.producers());
        List<LegacyProducer> producers = new ArrayList<>(settings.producers());
        ProducerGroup group = new ProducerGroup(id, settings.capacity(), policy, channel.receiver(), producers,
                delayMs);
        Runnable onStopped = () -> {
            if (running.decrementAndGet() == 0) {
                group.allStopped.tryEmitEmpty();       // exactly one thread gets here
            }
        };
        try (Sender<Reading> original = channel.sender()) {   // only the producers' clones stay open
            for (int k = 1; k <= settings.producers(); k++) {
                producers.add(new LegacyProducer(k, original.clone(), settings.readIntervalMs(), onStopped));
            }
        }
        for (LegacyProducer producer : producers) {
            Thread thread = new Thread(producer, threadName(producer.id(), id));
            thread.setDaemon(true);
            thread.start();
        }
        return group;
    }

    /** The name of producer {@code k}'s thread in stream {@code streamId}. */
    static String threadName(int k, long streamId) {
        return THREAD_PREFIX + k + threadSuffix(streamId);
    }

    /** How the names of stream {@code streamId}'s producer threads end. */
    static String threadSuffix(long streamId) {
        return " (stream " + streamId + ")";
    }

    long id() {
        return id;
    }

    /** The channel's overflow policy, chosen on the page. */
    OverflowPolicy policy() {
        return policy;
    }

    /** The channel's receiving end: the stream subscribes to it through the bridge. */
    Receiver<Reading> receiver() {
        return receiver;
    }

    /** The consumer's pause per message, in milliseconds; the page may change it while streaming. */
    long delayMs() {
        return delayMs;
    }

    void delayMs(long delayMs) {
        this.delayMs = delayMs;
    }

    /** Completes when every producer thread has ended (its last action). */
    Mono<Void> allStopped() {
        return allStopped.asMono();
    }

    /** A snapshot of the channel and producers; the fields are read one after the other, not atomically. */
    StreamStatus status() {
        List<StreamStatus.Producer> states = new ArrayList<>(producers.size());
        for (LegacyProducer producer : producers) {
            states.add(new StreamStatus.Producer(producer.id(),
                    producer.state().name().toLowerCase(Locale.ROOT), producer.sent()));
        }
        return new StreamStatus(id, DemoMeters.tag(policy), receiver.len(), capacity, receiver.stats().dropped(),
                delayMs, states);
    }

    /** Closes the receiver: the producers see the disconnection and end. Idempotent. */
    @Override
    public void close() {
        receiver.close();
    }
}
