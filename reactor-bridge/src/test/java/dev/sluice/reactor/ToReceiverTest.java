package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.RecvTimeoutResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.test.publisher.TestPublisher;
import reactor.test.scheduler.VirtualTimeScheduler;

/** Publisher &rarr; Receiver: demand bounded by the free capacity, completion, errors, cancel. */
@Timeout(30)
class ToReceiverTest {

    @Test
    void upstream_demand_never_exceeds_the_free_capacity() throws InterruptedException {
        int capacity = 4;
        TestPublisher<Integer> source = TestPublisher.create();     // compliant: fails on overflow
        AtomicLong requested = new AtomicLong();
        Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux().doOnRequest(requested::addAndGet), capacity);
        assertEquals(capacity, requested.get(), "the first request fills the channel");

        int emitted = 0;
        int taken = 0;
        List<Integer> received = new ArrayList<>();
        while (taken < 200) {
            if (emitted < requested.get() && emitted < 200) {
                source.next(emitted++);                 // every item the bridge asked for
            } else {
                received.add(rx.recv());                // makes room; the bridge tops up
                taken++;
            }
            assertTrue(requested.get() - taken <= capacity,
                    "outstanding " + (requested.get() - taken) + " > capacity after " + taken + " taken");
        }
        source.complete();
        assertEquals(IntStream.range(0, 200).boxed().collect(Collectors.toList()), received);
        assertThrows(DisconnectedException.class, rx::recv, "completion disconnects after draining");
        source.assertNoRequestOverflow();
    }

    @Test
    void completion_disconnects_the_receiver_after_the_buffered_items() {
        Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.just(1, 2, 3), 8);
        List<Integer> all = new ArrayList<>();
        for (int m : rx) {
            all.add(m);
        }
        assertEquals(List.of(1, 2, 3), all);
    }

    @Test
    void an_error_reaches_the_receiver_as_the_cause_after_the_buffered_items() throws InterruptedException {
        IllegalStateException boom = new IllegalStateException("boom");
        Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.just(1, 2).concatWith(Flux.error(boom)), 8);
        assertEquals(1, rx.recv());
        assertEquals(2, rx.recv());
        DisconnectedException end = assertThrows(DisconnectedException.class, rx::recv);
        assertSame(boom, end.getCause());
    }

    @Test
    void closing_the_receiver_cancels_the_upstream_while_the_bridge_waits_for_room() {
        TestPublisher<Integer> source = TestPublisher.create();
        Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux(), 2);
        source.next(0, 1);                              // full: the bridge watches for room
        source.assertNotCancelled();
        rx.close();
        source.assertCancelled();
    }

    @Test
    void closing_the_receiver_with_items_outstanding_cancels_the_upstream_at_once() {
        TestPublisher<Integer> source = TestPublisher.create();
        Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux(), 4);
        source.next(0);                                 // 3 more requested and owed, none pending
        rx.close();
        source.assertCancelled();                       // the disconnect watch: no next item needed
    }

    @Test
    void closing_the_receiver_of_a_source_that_never_emits_cancels_it_at_once() {
        for (int capacity : new int[] {0, 1, 8, Integer.MAX_VALUE}) {
            TestPublisher<Integer> source = TestPublisher.create();
            Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux(), capacity);
            source.assertNotCancelled();
            rx.close();
            source.assertCancelled();
        }
    }

    @Test
    void a_noncompliant_upstream_that_overflows_fails_the_receiver_clearly_without_blocking()
            throws InterruptedException {
        TestPublisher<Integer> source = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
        Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux(), 2);
        source.next(0, 1, 2);                           // one more than requested: returns at once
        source.assertCancelled();
        assertEquals(0, rx.recv());
        assertEquals(1, rx.recv());
        DisconnectedException end = assertThrows(DisconnectedException.class, rx::recv);
        assertTrue(Exceptions.isOverflow(end.getCause()), String.valueOf(end.getCause()));
    }

    @Test
    void rendezvous_requests_one_item_only_while_a_receiver_waits() throws Exception {
        TestPublisher<Integer> source = TestPublisher.create();
        AtomicLong requested = new AtomicLong();
        Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux().doOnRequest(requested::addAndGet), 0);
        assertEquals(0, requested.get(), "nobody waits: nothing is requested");

        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(() -> recvUnchecked(rx));
        Await.until("a request once a receiver waits", () -> requested.get() == 1);
        awaitOutstandingDemand(source);                 // doOnRequest sees a request before the source does
        source.next(7);
        assertEquals(7, first.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(1, requested.get(), "no receiver waits any more: no further request");

        CompletableFuture<Integer> second = CompletableFuture.supplyAsync(() -> recvUnchecked(rx));
        Await.until("a second request", () -> requested.get() == 2);
        awaitOutstandingDemand(source);
        source.next(8);
        assertEquals(8, second.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        source.complete();
        assertInstanceOf(RecvTimeoutResult.Disconnected.class, rx.recvTimeout(Await.TIMEOUT));
    }

    @Test
    void rendezvous_item_whose_receiver_gave_up_goes_to_the_next_receiver() throws Exception {
        TestPublisher<Integer> source = TestPublisher.create();
        AtomicLong requested = new AtomicLong();
        Receiver<Integer> rx = ChannelFlux.toReceiver(source.flux().doOnRequest(requested::addAndGet), 0);

        CompletableFuture<RecvTimeoutResult<Integer>> impatient =
                CompletableFuture.supplyAsync(() -> recvTimeoutUnchecked(rx, Duration.ofMillis(50)));
        Await.until("requested for the waiting receiver", () -> requested.get() == 1);
        assertInstanceOf(RecvTimeoutResult.Timeout.class, impatient.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));

        awaitOutstandingDemand(source);
        source.next(5);                                 // nobody waits now: kept as a pending send
        assertEquals(1, requested.get());
        assertEquals(5, rx.recvTimeout(Await.TIMEOUT).value());
    }

    @Test
    void a_timed_source_runs_ahead_of_the_consumer_by_at_most_the_capacity() throws InterruptedException {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        List<Long> dropped = new ArrayList<>();
        Receiver<Long> rx = ChannelFlux.toReceiver(
                Flux.interval(Duration.ofSeconds(1), clock).onBackpressureDrop(dropped::add), 2);

        clock.advanceTimeBy(Duration.ofSeconds(10));     // ticks 0..9; nobody reads
        assertEquals(2, rx.len(), "the receiver's channel holds the whole capacity");
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), dropped);
        assertEquals(0L, rx.recv());                     // one free slot: below the batch of 2, nothing requested
        clock.advanceTimeBy(Duration.ofSeconds(1));      // so tick 10 is dropped
        assertEquals(1L, rx.recv());                     // two free: a batch of 2 is requested
        clock.advanceTimeBy(Duration.ofSeconds(1));      // tick 11 arrives
        assertEquals(11L, rx.recv());
        rx.close();                                      // one tick is owed: cancels at that tick
        clock.advanceTimeBy(Duration.ofSeconds(5));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), dropped, "cancelled: no tick after it was dropped");
        clock.dispose();
    }

    @Test
    void unbounded_capacity_requests_everything_at_once() {
        AtomicLong requested = new AtomicLong();
        Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.range(0, 10).doOnRequest(requested::addAndGet),
                Integer.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, requested.get());
        assertEquals(10, rx.stream().count());
    }

    @Test
    void a_negative_capacity_is_rejected() {
        assertThrows(IllegalArgumentException.class, () -> ChannelFlux.toReceiver(Flux.just(1), -1));
    }

    private static Integer recvUnchecked(Receiver<Integer> rx) {
        RecvTimeoutResult<Integer> r = recvTimeoutUnchecked(rx, Await.TIMEOUT);
        return r.value();
    }

    private static RecvTimeoutResult<Integer> recvTimeoutUnchecked(Receiver<Integer> rx, Duration timeout) {
        try {
            return rx.recvTimeout(timeout);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code source} itself has recorded a request that it has not served yet. */
    private static void awaitOutstandingDemand(TestPublisher<?> source) {
        Await.until("the source saw the request", () -> {
            try {
                source.assertMinRequested(1);
                return true;
            } catch (AssertionError notYet) {
                return false;
            }
        });
    }
}
