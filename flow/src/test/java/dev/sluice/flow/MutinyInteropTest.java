package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SmallRye Mutiny ({@code Multi}, a {@code Flow.Publisher} itself) on both sides of a channel. */
class MutinyInteropTest {

    @Test
    @DisplayName("a Multi consumes a channel with backpressure: a blocking producer waits while Mutiny requests nothing")
    void multi_consumes_with_backpressure() {
        Channel<String> ch = Channel.bounded(4);
        Multi<String> multi = Multi.createFrom().publisher(FlowChannels.publisher(ch.receiver()))
                .map(String::toUpperCase);
        AssertSubscriber<String> sub = multi.subscribe().withSubscriber(AssertSubscriber.create(0));
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        Thread producer = new Thread(() -> {
            try (var tx = ch.sender()) {
                for (int i = 0; i < 20; i++) {
                    tx.send("reading " + i);
                    sent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "legacy-producer");
        producer.setDaemon(true);
        producer.start();
        Await.parked(producer);
        assertEquals(4, sent.get(), "no demand: the channel fills up and the producer waits");
        assertEquals(List.of(), sub.getItems());

        sub.request(2);
        sub.awaitItems(2, Duration.ofSeconds(10));
        Await.until("producer sent 6", () -> sent.get() == 6);
        Await.parked(producer);
        assertEquals(6, sent.get(), "2 requested, 2 taken, 2 more sent, then it waits");
        assertEquals(List.of("READING 0", "READING 1"), sub.getItems());

        sub.request(Long.MAX_VALUE);
        sub.awaitCompletion(Duration.ofSeconds(10));
        assertEquals(IntStream.range(0, 20).mapToObj(i -> "READING " + i).toList(), sub.getItems());
    }

    @Test
    @DisplayName("a blocking consumer reads a Multi: upstream never owes more than the capacity")
    void blocking_consumer_reads_a_multi() {
        int capacity = 8;
        AtomicLong requested = new AtomicLong();
        AtomicLong emitted = new AtomicLong();
        AtomicLong maxOwed = new AtomicLong();
        Multi<Integer> source = Multi.createFrom().range(0, 500)
                .onRequest().invoke(n -> maxOwed.accumulateAndGet(requested.addAndGet(n) - emitted.get(), Math::max))
                .onItem().invoke(i -> emitted.incrementAndGet());
        List<Integer> got = new ArrayList<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(source, capacity)) {
            rx.forEach(got::add);
        }
        assertEquals(IntStream.range(0, 500).boxed().toList(), got);
        assertTrue(maxOwed.get() <= capacity, "owed at most the capacity, was " + maxOwed.get());
    }

    @Test
    @DisplayName("a Multi into a channel through the sending subscriber: the channel's consumer paces it")
    void multi_into_a_channel() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Multi.createFrom().range(0, 100).subscribe(FlowChannels.subscriber(ch.sender()));
        List<Integer> got = new ArrayList<>();
        try (Receiver<Integer> rx = ch.receiver()) {
            rx.forEach(got::add);
        }
        assertEquals(IntStream.range(0, 100).boxed().toList(), got);
    }
}
