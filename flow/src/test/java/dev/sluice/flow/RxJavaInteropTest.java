package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.subscribers.TestSubscriber;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.reactivestreams.FlowAdapters;

/** RxJava 3 ({@code Flowable}, through {@code FlowAdapters}) on both sides of a channel. */
class RxJavaInteropTest {

    @Test
    @DisplayName("a Flowable consumes a channel with backpressure: a blocking producer waits while RxJava requests nothing")
    void flowable_consumes_with_backpressure() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Flowable<Integer> flowable = Flowable.fromPublisher(FlowAdapters.toPublisher(FlowChannels.publisher(ch.receiver())))
                .map(i -> i * 10);
        TestSubscriber<Integer> ts = flowable.test(0);
        Producer producer = new Producer(ch.sender(), 50);
        Await.parked(producer.thread);
        assertEquals(4, producer.sent.get(), "no demand: the channel fills up and the producer waits");
        ts.assertNoValues();

        ts.request(3);
        ts.awaitCount(3);
        Await.until("producer sent 7", () -> producer.sent.get() == 7);
        Await.parked(producer.thread);
        assertEquals(7, producer.sent.get(), "3 requested, 3 taken, 3 more sent, then it waits");
        ts.assertValues(0, 10, 20);

        ts.request(Long.MAX_VALUE);
        assertTrue(ts.await(10, TimeUnit.SECONDS));
        ts.assertComplete();
        ts.assertValueCount(50);
        assertEquals(IntStream.range(0, 50).map(i -> i * 10).boxed().toList(), ts.values());
    }

    @Test
    @DisplayName("a Flowable cancelled with take(n) closes the receiver and the blocked producer fails")
    void take_cancels_and_disconnects() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        Producer producer = new Producer(ch.sender(), 1_000);
        List<Integer> got = Flowable.fromPublisher(FlowAdapters.toPublisher(FlowChannels.publisher(ch.receiver())))
                .take(5)
                .toList()
                .blockingGet();
        assertEquals(List.of(0, 1, 2, 3, 4), got);
        assertTrue(producer.outcome.handle((v, e) -> e != null).get(10, TimeUnit.SECONDS),
                "the producer saw the disconnection");
    }

    @Test
    @DisplayName("a blocking consumer reads a Flowable: upstream never owes more than the capacity")
    void blocking_consumer_reads_a_flowable() {
        int capacity = 16;
        ConcurrentLinkedQueue<Long> requests = new ConcurrentLinkedQueue<>();
        AtomicLong emitted = new AtomicLong();
        AtomicLong maxOwed = new AtomicLong();
        AtomicLong requested = new AtomicLong();
        Flowable<Integer> source = Flowable.range(0, 1_000)
                .doOnRequest(n -> {
                    requests.add(n);
                    long owed = requested.addAndGet(n) - emitted.get();
                    maxOwed.accumulateAndGet(owed, Math::max);
                })
                .doOnNext(i -> emitted.incrementAndGet());
        List<Integer> got = new ArrayList<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(FlowAdapters.toFlowPublisher(source), capacity)) {
            rx.forEach(got::add);
        }
        assertEquals(IntStream.range(0, 1_000).boxed().toList(), got);
        assertTrue(maxOwed.get() <= capacity, "owed at most the capacity, was " + maxOwed.get());
        assertTrue(requests.stream().allMatch(n -> n >= 1 && n <= capacity), requests.toString());
    }
}
