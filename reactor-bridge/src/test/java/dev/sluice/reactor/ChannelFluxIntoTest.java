package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.RecvTimeoutResult;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** Publisher &rarr; existing Sender ({@code into}): room-driven demand, termination, borrowing. */
@Timeout(30)
class ChannelFluxIntoTest {

    @Test
    void sends_every_item_completes_and_leaves_the_callers_sender_open() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(8);
        Sender<Integer> tx = ch.sender();
        Mono<Void> pump = ChannelFlux.into(Flux.range(0, 1000), tx)
                .doFinally(signal -> tx.close())        // the caller's handle: the caller closes it
                .subscribeOn(Schedulers.parallel());
        StepVerifier completes = StepVerifier.create(pump).expectComplete().verifyLater();

        List<Integer> received = new ArrayList<>();
        for (int m : ch.receiver()) {                   // ends: doFinally closed the only sender
            received.add(m);
        }
        assertEquals(IntStream.range(0, 1000).boxed().collect(Collectors.toList()), received);
        completes.verify(Await.TIMEOUT);
    }

    @Test
    void the_borrowed_sender_stays_open_after_completion() {
        Channel<Integer> ch = Channel.bounded(8);
        Sender<Integer> tx = ch.sender();
        StepVerifier.create(ChannelFlux.into(Flux.just(1, 2), tx)).expectComplete().verify(Await.TIMEOUT);
        assertTrue(!tx.isClosed(), "into never closes a handle it did not create");
        assertEquals(TrySendResult.OK, tx.trySend(3));
        assertEquals(1, ch.receiver().poll());
        assertEquals(2, ch.receiver().poll());
        assertEquals(3, ch.receiver().poll());
    }

    @Test
    void requests_only_when_the_shared_channel_has_room() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(2);
        Sender<Integer> legacy = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        legacy.trySend(-1);
        legacy.trySend(-2);                             // full, filled by a blocking-side sender
        TestPublisher<Integer> source = TestPublisher.create();
        AtomicLong requested = new AtomicLong();
        ChannelFlux.into(source.flux().doOnRequest(requested::addAndGet), legacy.clone()).subscribe();

        assertEquals(0, requested.get(), "a full channel: nothing is requested");
        assertEquals(-1, rx.recv());                    // room for one: the watch fires
        assertTrue(requested.get() >= 1 && requested.get() <= 2, "requested " + requested.get());
        source.next(0);
        assertEquals(TrySendResult.FULL, legacy.trySend(-3), "the bridge used the room");
        assertEquals(-2, rx.recv());
        assertEquals(0, rx.recv());
        legacy.close();
    }

    @Test
    void a_source_error_fails_the_mono_after_its_items_without_poisoning_the_channel() {
        Channel<Integer> ch = Channel.bounded(8);
        Sender<Integer> tx = ch.sender();
        Sender<Integer> other = tx.clone();
        Receiver<Integer> rx = ch.receiver();
        IllegalStateException boom = new IllegalStateException("boom");

        StepVerifier.create(ChannelFlux.into(Flux.just(1, 2).concatWith(Flux.error(boom)), tx))
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(Await.TIMEOUT);
        assertTrue(!tx.isClosed(), "the handle stays the caller's");
        tx.close();
        assertEquals(1, rx.tryRecv().value());
        assertEquals(2, rx.tryRecv().value());
        assertTrue(rx.tryRecv().isEmpty(), "not disconnected, no error: another sender is open");
        assertEquals(TrySendResult.OK, other.trySend(3));
        other.close();
    }

    @Test
    void gone_receivers_fail_the_mono_with_SendDisconnectedException_and_cancel_the_source() {
        Channel<Integer> ch = Channel.bounded(1);
        ch.receiver().close();
        TestPublisher<Integer> source = TestPublisher.create();

        StepVerifier.create(ChannelFlux.into(source.flux(), ch.sender()))
                .expectErrorSatisfies(e -> {             // at subscription: nothing needs to be pending
                    SendDisconnectedException d = assertInstanceOf(SendDisconnectedException.class, e);
                    assertNull(d.message());
                })
                .verify(Await.TIMEOUT);
        source.assertCancelled();
        source.assertNoRequestOverflow();
    }

    /** The source has no item pending: the disconnect watch still ends everything at once. */
    @Test
    void receivers_leaving_an_idle_source_end_the_mono_at_once_and_cancel_the_source() {
        for (int capacity : new int[] {0, 1, 16, Integer.MAX_VALUE}) {
            Channel<Integer> ch = capacity == Integer.MAX_VALUE ? Channel.unbounded() : Channel.bounded(capacity);
            TestPublisher<Integer> source = TestPublisher.create();
            StepVerifier.create(ChannelFlux.into(source.flux(), ch.sender()))
                    .then(() -> ch.receiver().close())   // nothing was ever emitted
                    .expectErrorSatisfies(e -> {
                        SendDisconnectedException d = assertInstanceOf(SendDisconnectedException.class, e);
                        assertNull(d.message(), "no item was pending");
                    })
                    .verify(Await.TIMEOUT);
            source.assertCancelled();
        }
    }

    @Test
    void the_close_cause_of_another_sender_is_attached_to_the_disconnection() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        RuntimeException cause = new RuntimeException("closed elsewhere");
        tx.clone().closeChannel(cause);
        StepVerifier.create(ChannelFlux.into(Flux.just(1), tx))
                .expectErrorSatisfies(e -> assertSame(cause, e.getCause()))
                .verify(Await.TIMEOUT);
    }

    @Test
    void cancelling_the_mono_cancels_the_source_and_leaves_the_sender_open() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        TestPublisher<Integer> source = TestPublisher.create();
        StepVerifier.create(ChannelFlux.into(source.flux(), tx))
                .then(() -> source.next(1))
                .thenCancel()
                .verify(Await.TIMEOUT);
        source.assertCancelled();
        assertTrue(!tx.isClosed());
        assertEquals(1, ch.receiver().tryRecv().value());
        assertTrue(ch.receiver().tryRecv().isEmpty(), "the caller's sender keeps the channel open");
    }

    @Test
    void each_subscription_runs_the_source_again_through_the_same_handle() {
        Channel<Integer> ch = Channel.unbounded();
        Mono<Void> pump = ChannelFlux.into(Flux.just(1, 2), ch.sender());
        StepVerifier.create(pump).expectComplete().verify(Await.TIMEOUT);
        StepVerifier.create(pump).expectComplete().verify(Await.TIMEOUT);
        List<Integer> got = new ArrayList<>();
        for (Integer m; (m = ch.receiver().poll()) != null; ) {
            got.add(m);
        }
        assertEquals(List.of(1, 2, 1, 2), got);
    }

    @Test
    void a_closed_sender_is_refused_at_subscription() {
        Channel<Integer> ch = Channel.unbounded();
        Sender<Integer> tx = ch.sender().clone();
        tx.close();
        StepVerifier.create(ChannelFlux.into(Flux.just(1), tx))
                .expectError(IllegalStateException.class)
                .verify(Await.TIMEOUT);
    }

    @Test
    void rendezvous_feeds_a_blocking_receiver_one_item_at_a_time_without_a_scheduler() throws InterruptedException {
        AtomicLong scheduled = new AtomicLong();
        Schedulers.onScheduleHook("count", task -> {
            scheduled.incrementAndGet();
            return task;
        });
        try {
            Channel<Integer> ch = Channel.rendezvous();
            Receiver<Integer> rx = ch.receiver();
            Sender<Integer> tx = ch.sender();
            ChannelFlux.into(Flux.range(0, 200), tx).doFinally(s -> tx.close()).subscribe();
            for (int i = 0; i < 200; i++) {
                assertEquals(i, rx.recvTimeout(Await.TIMEOUT).value());
            }
            assertInstanceOf(RecvTimeoutResult.Disconnected.class, rx.recvTimeout(Await.TIMEOUT));
            assertEquals(0, scheduled.get(), "every hand-off ran on the two parties' threads");
        } finally {
            Schedulers.resetOnScheduleHook("count");
        }
    }

    @Test
    void shares_the_channel_with_a_blocking_sender_and_loses_nothing() throws InterruptedException {
        int count = 5_000;
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Producer legacy = Producer.start("legacy-sender", tx.clone(), 1_000_000, count);
        ChannelFlux.into(Flux.range(0, count).publishOn(Schedulers.parallel()), tx).doFinally(s -> tx.close()).subscribe();

        int nextReactive = 0;
        int nextLegacy = 1_000_000;
        for (int m : ch.receiver()) {                   // ends when both senders are closed
            if (m < 1_000_000) {
                assertEquals(nextReactive++, m, "per-sender FIFO");
            } else {
                assertEquals(nextLegacy++, m, "per-sender FIFO");
            }
        }
        assertEquals(count, nextReactive);
        assertEquals(1_000_000 + count, nextLegacy);
        assertNull(legacy.join());
    }
}
