package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.SendDisconnectedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Scannable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks.EmitResult;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** {@code ChannelSinks.multicast(n)}: fan-out, the slowest subscriber's pace, late and leaving subscribers. */
@Timeout(30)
class MulticastSinkTest {
    private static final int PREFETCH = MulticastFlux.PREFETCH;

    /** A subscriber that requests only when told to. */
    static final class Manual extends BaseSubscriber<Integer> {
        final List<Integer> values = new ArrayList<>();
        volatile boolean completed;
        volatile Throwable error;

        @Override
        protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
        }

        @Override
        protected void hookOnNext(Integer value) {
            values.add(value);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error = throwable;
        }
    }

    @Test
    void every_subscriber_sees_every_element_in_order() {
        ChannelSink<Integer> sink = ChannelSinks.multicast(4);
        List<Integer> expected = IntStream.range(0, 100).boxed().collect(Collectors.toList());
        StepVerifier a = StepVerifier.create(sink.asFlux()).expectNextSequence(expected).expectComplete().verifyLater();
        StepVerifier b = StepVerifier.create(sink.asFlux().limitRate(3)).expectNextSequence(expected).expectComplete()
                .verifyLater();
        assertEquals(2, sink.currentSubscriberCount());
        Producer producer = Producer.start("multicast-producer", sink.newSender(), 0, 100);
        joinCleanly(producer);
        assertEquals(EmitResult.OK, sink.tryEmitComplete());
        a.verify(Await.TIMEOUT);
        b.verify(Await.TIMEOUT);
        assertEquals(0, sink.currentSubscriberCount());
    }

    @Test
    void the_slowest_subscriber_governs_tryEmitNext_OK_capacity_plus_prefetch_times_then_FAIL_OVERFLOW() {
        ChannelSink<Integer> sink = ChannelSinks.multicast(4);
        Manual fast = new Manual();
        Manual slow = new Manual();
        sink.asFlux().subscribe(fast);
        sink.asFlux().subscribe(slow);
        fast.request(Long.MAX_VALUE);
        int accepted = 0;
        while (sink.tryEmitNext(accepted) == EmitResult.OK) {
            accepted++;
            assertTrue(accepted <= 4 + PREFETCH, "accepted more than capacity + prefetch");
        }
        assertEquals(4 + PREFETCH, accepted);
        assertEquals(EmitResult.FAIL_OVERFLOW, sink.tryEmitNext(99));
        assertEquals(List.of(), fast.values, "nothing goes out before the slowest requested it");
        assertEquals(4 + PREFETCH, sink.scan(Scannable.Attr.BUFFERED), "the channel plus the fan-out stage");
        slow.request(2);
        assertEquals(List.of(0, 1), fast.values);
        assertEquals(List.of(0, 1), slow.values);
        assertEquals(EmitResult.OK, sink.tryEmitNext(100), "room again");
        fast.cancel();
        slow.cancel();
    }

    @Test
    void a_blocking_send_waits_for_the_slowest_subscriber() throws InterruptedException {
        ChannelSink<Integer> sink = ChannelSinks.multicast(2);
        Manual fast = new Manual();
        Manual slow = new Manual();
        sink.asFlux().subscribe(fast);
        sink.asFlux().subscribe(slow);
        fast.request(Long.MAX_VALUE);
        Producer producer = Producer.start("blocked-by-the-slowest", sink.newSender(), 0, 20);
        Await.until("capacity + prefetch sent, the producer parked", () -> producer.parkedAfter(2 + PREFETCH));
        slow.request(5);
        Await.until("5 more sent, the producer parked again", () -> producer.parkedAfter(2 + PREFETCH + 5));
        assertEquals(List.of(0, 1, 2, 3, 4), fast.values);
        slow.request(Long.MAX_VALUE);
        joinCleanly(producer);
        sink.tryEmitComplete();
        Await.until("both completed", () -> fast.completed && slow.completed);
        assertEquals(IntStream.range(0, 20).boxed().collect(Collectors.toList()), slow.values);
        assertEquals(slow.values, fast.values);
    }

    @Test
    void a_subscriber_that_cancels_stops_counting_and_releases_a_blocked_producer() throws InterruptedException {
        ChannelSink<Integer> sink = ChannelSinks.multicast(2);
        Manual fast = new Manual();
        Manual slow = new Manual();
        sink.asFlux().subscribe(fast);
        sink.asFlux().subscribe(slow);
        fast.request(Long.MAX_VALUE);
        Producer producer = Producer.start("released-by-cancel", sink.newSender(), 0, 20);
        Await.until("the producer parked", () -> producer.parkedAfter(2 + PREFETCH));
        slow.cancel();
        joinCleanly(producer);
        assertEquals(1, sink.currentSubscriberCount());
        sink.tryEmitComplete();
        Await.until("fast completed", () -> fast.completed);
        assertEquals(IntStream.range(0, 20).boxed().collect(Collectors.toList()), fast.values);
        assertEquals(List.of(), slow.values);
    }

    @Test
    void without_subscribers_emissions_buffer_in_the_channel_then_FAIL_ZERO_SUBSCRIBER_and_senders_wait()
            throws InterruptedException {
        ChannelSink<Integer> sink = ChannelSinks.multicast(3);
        assertEquals(0, sink.currentSubscriberCount());
        for (int i = 0; i < 3; i++) {
            assertEquals(EmitResult.OK, sink.tryEmitNext(i));
        }
        assertEquals(EmitResult.FAIL_ZERO_SUBSCRIBER, sink.tryEmitNext(99));
        assertEquals(3, sink.scan(Scannable.Attr.BUFFERED));
        Producer producer = Producer.start("waits-for-a-subscriber", sink.newSender(), 3, 2);
        Await.until("the producer parked with nothing sent", () -> producer.parkedAfter(0));
        StepVerifier verifier = StepVerifier.create(sink.asFlux())
                .expectNext(0, 1, 2, 3, 4)
                .expectComplete()
                .verifyLater();
        joinCleanly(producer);
        sink.tryEmitComplete();
        verifier.verify(Await.TIMEOUT);
    }

    @Test
    void a_late_subscriber_sees_what_is_delivered_after_it_subscribed() {
        ChannelSink<Integer> sink = ChannelSinks.multicast(4);
        Manual early = new Manual();
        sink.asFlux().subscribe(early);
        early.request(2);
        sink.tryEmitNext(0);
        sink.tryEmitNext(1);
        sink.tryEmitNext(2);                           // early has no demand left: held back
        Manual late = new Manual();
        sink.asFlux().subscribe(late);
        late.request(Long.MAX_VALUE);
        early.request(Long.MAX_VALUE);
        sink.tryEmitNext(3);
        sink.tryEmitComplete();
        assertEquals(List.of(0, 1, 2, 3), early.values);
        assertEquals(List.of(2, 3), late.values, "2 was still buffered when it came");
        assertTrue(early.completed && late.completed);
    }

    @Test
    void after_the_end_late_subscribers_get_the_terminal_signal() {
        ChannelSink<Integer> completed = ChannelSinks.multicast(4);
        StepVerifier.create(completed.asFlux()).then(completed::tryEmitComplete).expectComplete().verify(Await.TIMEOUT);
        StepVerifier.create(completed.asFlux()).expectComplete().verify(Await.TIMEOUT);

        ChannelSink<Integer> failed = ChannelSinks.multicast(4);
        IllegalStateException boom = new IllegalStateException("boom");
        failed.tryEmitNext(1);
        failed.tryEmitError(boom);
        StepVerifier.create(failed.asFlux()).expectNext(1).expectErrorMatches(e -> e == boom).verify(Await.TIMEOUT);
        StepVerifier.create(failed.asFlux()).expectErrorMatches(e -> e == boom).verify(Await.TIMEOUT);
        assertEquals(0, failed.currentSubscriberCount());
    }

    @Test
    void when_the_last_subscriber_leaves_the_sink_shuts_down() throws InterruptedException {
        ChannelSink<Integer> sink = ChannelSinks.multicast(2);
        List<Object> discarded = new ArrayList<>();
        Manual a = new Manual();
        Manual b = new Manual();
        sink.asFlux().doOnDiscard(Integer.class, discarded::add).subscribe(a);
        sink.asFlux().subscribe(b);
        Producer producer = Producer.start("fails-on-shutdown", sink.newSender(), 0, 100);
        Await.until("the producer parked", () -> producer.parkedAfter(2 + PREFETCH));
        a.cancel();
        assertEquals(1, sink.currentSubscriberCount());
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.CANCELLED), "one subscriber still counts");
        b.cancel();
        assertInstanceOf(SendDisconnectedException.class, producer.join());
        assertEquals(0, sink.currentSubscriberCount());
        assertEquals(Boolean.TRUE, sink.scan(Scannable.Attr.CANCELLED));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.TERMINATED));
        assertEquals(List.of(4, 5), discarded, "the channel's buffer (the fan-out stage's 0..3 are cleared)");
        assertEquals(EmitResult.FAIL_CANCELLED, sink.tryEmitNext(7));
        assertEquals(EmitResult.FAIL_CANCELLED, sink.tryEmitComplete());
        StepVerifier.create(sink.asFlux()).expectComplete().verify(Await.TIMEOUT);
    }

    @Test
    void scan_reports_capacity_buffered_terminated_and_cancelled() {
        ChannelSink<Integer> sink = ChannelSinks.multicast(8);
        assertEquals(8, sink.scan(Scannable.Attr.CAPACITY));
        sink.tryEmitNext(1);
        assertEquals(1, sink.scan(Scannable.Attr.BUFFERED));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.TERMINATED));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.CANCELLED));
        sink.tryEmitComplete();
        assertEquals(Boolean.TRUE, sink.scan(Scannable.Attr.TERMINATED));
        assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitNext(2));
        assertTrue(sink.toString().contains("multicast"), sink.toString());
    }

    @Test
    void multicast_needs_a_bounded_capacity_of_at_least_one() {
        assertThrows(IllegalArgumentException.class, () -> ChannelSinks.multicast(0));
        assertThrows(IllegalArgumentException.class, () -> ChannelSinks.multicast(-1));
        assertThrows(IllegalArgumentException.class, () -> ChannelSinks.multicast(Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class, () -> ChannelSinks.multicast(Channel.MAX_CAPACITY + 1));
    }

    /** Under BlockHound (installed for every test of this module): no blocking call on parallel threads. */
    @Test
    void emitting_and_subscribing_on_parallel_threads_never_blocks() {
        ChannelSink<Integer> sink = ChannelSinks.multicast(16);
        List<Integer> expected = IntStream.range(0, 2_000).boxed().collect(Collectors.toList());
        StepVerifier a = StepVerifier.create(sink.asFlux().publishOn(Schedulers.parallel(), 4))
                .expectNextSequence(expected).expectComplete().verifyLater();
        StepVerifier b = StepVerifier.create(sink.asFlux().publishOn(Schedulers.parallel(), 32))
                .expectNextSequence(expected).expectComplete().verifyLater();
        Flux.range(0, 2_000)
                .publishOn(Schedulers.parallel())
                .concatMap(i -> Mono.fromCallable(() -> sink.tryEmitNext(i))
                        .filter(EmitResult::isSuccess)                   // full: retry a bit later
                        .repeatWhenEmpty(retries -> retries.delayElements(Duration.ofMillis(1))))
                .then(Mono.fromCallable(sink::tryEmitComplete))
                .block(Duration.ofSeconds(30));
        a.verify(Duration.ofSeconds(30));
        b.verify(Duration.ofSeconds(30));
    }

    private static void joinCleanly(Producer producer) {
        try {
            assertNull(producer.join());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
