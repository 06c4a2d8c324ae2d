package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.Scannable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.util.function.Tuple2;

/** Receiver &rarr; Flux: demand, completion, errors, cancellation, single subscriber, threads. */
@Timeout(30)
class FluxReceiverTest {
    private static final Duration VERIFY = Await.TIMEOUT;

    @Test
    void demand_zero_keeps_bounded_channel_full_and_sender_parked_until_request_releases_exactly_n()
            throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Producer producer = Producer.start("legacy-producer", tx, 0, 10);

        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .expectSubscription()
                .then(() -> Await.until("4 sent, producer parked on the 5th", () -> producer.parkedAfter(4)))
                .then(() -> assertEquals(4, tx.len(), "nothing is taken without demand"))
                .expectNoEvent(Duration.ofMillis(20))
                .thenRequest(2)
                .expectNext(0, 1)
                .then(() -> Await.until("exactly 2 more sent, parked again", () -> producer.parkedAfter(6)))
                .then(() -> assertEquals(4, tx.len(), "the flux took exactly the 2 requested"))
                .thenRequest(Long.MAX_VALUE)
                .expectNext(2, 3, 4, 5, 6, 7, 8, 9)
                .expectComplete()
                .verify(VERIFY);
        assertNull(producer.join());
    }

    @Test
    void completes_after_the_buffered_items_when_the_senders_close() {
        Channel<Integer> ch = Channel.bounded(8);
        try (Sender<Integer> tx = ch.sender()) {
            tx.trySend(1);
            tx.trySend(2);
            tx.trySend(3);
        }
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 1)
                .expectNext(1)
                .thenRequest(5)
                .expectNext(2, 3)
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void errors_with_the_close_cause_after_the_buffered_items() {
        Channel<Integer> ch = Channel.unbounded();
        Sender<Integer> tx = ch.sender();
        tx.trySend(1);
        tx.trySend(2);
        IllegalStateException cause = new IllegalStateException("device unplugged");
        tx.closeChannel(cause);
        StepVerifier.create(ChannelFlux.from(ch.receiver()))
                .expectNext(1, 2)
                .expectErrorSatisfies(e -> assertSame(cause, e))
                .verify(VERIFY);
    }

    @Test
    void completes_without_demand_when_the_empty_channel_disconnects() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .expectSubscription()
                .then(tx::close)
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void an_empty_channel_closed_with_a_cause_fails_on_subscribe_without_demand() {
        Channel<Integer> ch = Channel.rendezvous();
        RuntimeException cause = new RuntimeException("boom");
        ch.sender().closeChannel(cause);
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .expectErrorSatisfies(e -> assertSame(cause, e))
                .verify(VERIFY);
    }

    @Test
    void cancel_closes_the_receiver_and_wakes_the_blocked_sender_with_disconnection() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(2);
        Sender<Integer> tx = ch.sender();
        Sender<Integer> spare = tx.clone();
        Receiver<Integer> rx = ch.receiver();
        Producer producer = Producer.start("blocked-producer", tx, 0, 10);

        StepVerifier.create(ChannelFlux.from(rx), 1)
                .expectNext(0)
                .then(() -> Await.until("refilled and parked on item 3", () -> producer.parkedAfter(3)))
                .thenCancel()
                .verify(VERIFY);

        Throwable failure = producer.join();
        SendDisconnectedException disconnected = assertInstanceOf(SendDisconnectedException.class, failure);
        assertEquals(Integer.valueOf(3), disconnected.message(), "the blocked message is handed back");
        assertTrue(rx.isClosed(), "cancel closes the receiver handle");
        assertEquals(TrySendResult.DISCONNECTED, spare.trySend(42), "future sends see disconnection at once");
        spare.close();
    }

    @Test
    void a_second_subscriber_on_the_same_handle_is_rejected() {
        Channel<Integer> ch = Channel.bounded(4);
        Flux<Integer> flux = ChannelFlux.from(ch.receiver());
        BaseSubscriber<Integer> first = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(Subscription subscription) {
                // no demand: stay subscribed
            }
        };
        flux.subscribe(first);

        StepVerifier.create(flux)
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("already has a Subscriber"), e.getMessage());
                })
                .verify(VERIFY);
        first.cancel();
        StepVerifier.create(flux)
                .expectErrorSatisfies(e -> assertTrue(e.getMessage().contains("cannot be subscribed again"), e.getMessage()))
                .verify(VERIFY);
        ch.sender().close();
    }

    @Test
    void cloned_receivers_subscribed_as_separate_fluxes_compete_for_messages() throws InterruptedException {
        int count = 2_000;
        Channel<Integer> ch = Channel.bounded(16);
        Receiver<Integer> rx = ch.receiver();
        Mono<List<Integer>> first = ChannelFlux.from(rx.clone()).collectList().subscribeOn(Schedulers.boundedElastic());
        Mono<List<Integer>> second = ChannelFlux.from(rx).limitRate(3).collectList().subscribeOn(Schedulers.boundedElastic());
        Producer producer = Producer.start("shared-producer", ch.sender(), 0, count);

        Tuple2<List<Integer>, List<Integer>> both = Mono.zip(first, second).block(VERIFY);
        assertNull(producer.join());
        Set<Integer> union = new HashSet<>(both.getT1());
        for (Integer m : both.getT2()) {
            assertTrue(union.add(m), "message " + m + " was received twice");
        }
        assertEquals(IntStream.range(0, count).boxed().collect(Collectors.toSet()), union);
    }

    @Test
    void request_zero_or_negative_signals_IllegalArgumentException_and_closes_the_receiver() {
        for (long bad : new long[] {0, -1, Long.MIN_VALUE}) {
            Channel<Integer> ch = Channel.bounded(4);
            Receiver<Integer> rx = ch.receiver();
            AtomicReference<Throwable> error = new AtomicReference<>();
            ChannelFlux.from(rx).subscribe(new BaseSubscriber<Integer>() {
                @Override
                protected void hookOnSubscribe(Subscription subscription) {
                    subscription.request(bad);
                }

                @Override
                protected void hookOnError(Throwable throwable) {
                    error.set(throwable);
                }
            });
            assertInstanceOf(IllegalArgumentException.class, error.get());
            assertTrue(error.get().getMessage().contains("3.9"), error.get().getMessage());
            assertTrue(rx.isClosed());
            assertEquals(TrySendResult.DISCONNECTED, ch.sender().trySend(1));
        }
    }

    @Test
    void rendezvous_takes_from_a_blocking_sender_only_what_was_requested() throws InterruptedException {
        Channel<Integer> ch = Channel.rendezvous();
        Producer producer = Producer.start("rendezvous-producer", ch.sender(), 0, 5);

        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .expectSubscription()
                .then(() -> Await.until("producer waits for a receiver", () -> producer.parkedAfter(0)))
                .thenRequest(2)
                .expectNext(0, 1)
                .then(() -> Await.until("exactly 2 handed over", () -> producer.parkedAfter(2)))
                .thenRequest(3)
                .expectNext(2, 3, 4)
                .expectComplete()
                .verify(VERIFY);
        assertNull(producer.join());
    }

    @Test
    void onNext_runs_on_the_requesting_thread_or_on_the_sending_thread() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        tx.trySend(1);
        List<String> threads = new CopyOnWriteArrayList<>();
        StepVerifier.create(ChannelFlux.from(ch.receiver()).doOnNext(m -> threads.add(Thread.currentThread().getName())), 0)
                .thenRequest(2)
                .expectNext(1)
                .then(() -> {
                    Thread sender = new Thread(() -> tx.trySend(2), "legacy-sender");
                    sender.start();
                    try {
                        sender.join(VERIFY.toMillis());
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                })
                .expectNext(2)
                .then(tx::close)
                .expectComplete()
                .verify(VERIFY);
        assertEquals(List.of(Thread.currentThread().getName(), "legacy-sender"), threads);
    }

    @Test
    void an_unbounded_channel_streams_everything_that_was_sent() {
        Channel<Integer> ch = Channel.unbounded();
        List<Integer> expected = new ArrayList<>();
        try (Sender<Integer> tx = ch.sender()) {
            for (int i = 0; i < 1000; i++) {
                tx.trySend(i);
                expected.add(i);
            }
        }
        StepVerifier.create(ChannelFlux.from(ch.receiver()).limitRate(7))
                .expectNextSequence(expected)
                .expectComplete()
                .verify(VERIFY);
    }

    @Test
    void scan_reports_capacity_and_buffered_messages() {
        Channel<Integer> ch = Channel.bounded(8);
        ch.sender().trySend(1);
        ch.sender().trySend(2);
        Flux<Integer> flux = ChannelFlux.from(ch.receiver());
        assertEquals(8, Scannable.from(flux).scan(Scannable.Attr.CAPACITY));
        assertEquals(2, Scannable.from(flux).scan(Scannable.Attr.BUFFERED));
        assertEquals(Integer.MAX_VALUE,
                Scannable.from(ChannelFlux.from(Channel.unbounded().receiver())).scan(Scannable.Attr.CAPACITY));
    }

    /** Rendezvous: the hand-offs happen on the sender's and the requester's threads, never a scheduler's. */
    @Test
    void a_rendezvous_flux_never_touches_a_scheduler() throws InterruptedException {
        java.util.concurrent.atomic.AtomicLong scheduled = new java.util.concurrent.atomic.AtomicLong();
        Schedulers.onScheduleHook("count", task -> {
            scheduled.incrementAndGet();
            return task;
        });
        try {
            Channel<Integer> ch = Channel.rendezvous();
            Producer producer = Producer.start("blocking-sender", ch.sender(), 0, 500);
            StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                    .thenRequest(1)
                    .expectNext(0)
                    .thenRequest(7)
                    .expectNextCount(7)
                    .thenRequest(Long.MAX_VALUE)
                    .expectNextCount(492)
                    .expectComplete()
                    .verify(Duration.ofSeconds(20));
            assertNull(producer.join());
            assertEquals(0, scheduled.get(), "no task was scheduled anywhere");
        } finally {
            Schedulers.resetOnScheduleHook("count");
        }
    }

    /** A sink's non-blocking tryEmitNext and a rendezvous Flux meet through its pending receive. */
    @Test
    void a_rendezvous_flux_and_a_non_blocking_emitter_meet_on_the_emitters_thread() {
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx = ch.sender();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        StepVerifier.create(ChannelFlux.from(ch.receiver()).doOnNext(v -> threads.add(Thread.currentThread())), 0)
                .then(() -> assertEquals(TrySendResult.FULL, tx.trySend(0), "no demand: nobody waits"))
                .thenRequest(2)
                .then(() -> assertEquals(TrySendResult.OK, tx.trySend(1)))
                .then(() -> assertEquals(TrySendResult.OK, tx.trySend(2)))
                .expectNext(1, 2)
                .then(tx::close)
                .expectComplete()
                .verify(Duration.ofSeconds(10));
        assertEquals(List.of(Thread.currentThread(), Thread.currentThread()), threads);
    }
}
