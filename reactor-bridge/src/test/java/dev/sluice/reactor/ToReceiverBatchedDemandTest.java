package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * {@code toReceiver(source, n)} replenishes in batches of at least {@code n - n/4} (Reactor's
 * {@code limitRate} rule), for synchronous and asynchronous sources and a slow consumer, and its
 * demand never exceeds the free room: requested - taken stays within {@code n}. The receiver's
 * channel holds the whole {@code n}.
 */
@Timeout(60)
class ToReceiverBatchedDemandTest {
    private static final int CAPACITY = 16;
    private static final int LIMIT = CAPACITY - CAPACITY / 4;
    private static final int ITEMS = 64;

    /** Takes every item, checking the outstanding demand at each take; "work" is a short park per item. */
    private static List<Integer> consume(Receiver<Integer> rx, AtomicLong requested, long workNanos)
            throws InterruptedException {
        List<Integer> got = new ArrayList<>();
        for (Integer v : rx) {
            got.add(v);
            long outstanding = requested.get() - got.size();
            assertTrue(outstanding <= CAPACITY, "outstanding " + outstanding + " > " + CAPACITY + " after " + got.size());
            if (workNanos > 0) {
                LockSupport.parkNanos(workNanos);     // simulated work of a slow consumer, not a synchronization
            }
        }
        return got;
    }

    private static void assertBatched(List<Long> requests) {
        assertEquals(CAPACITY, requests.get(0), "the first request fills the buffer: " + requests);
        for (long r : requests.subList(1, requests.size())) {
            assertTrue(r >= LIMIT, "a top-up smaller than " + LIMIT + ": " + requests);
        }
        assertTrue(requests.size() <= 1 + (ITEMS - CAPACITY + LIMIT - 1) / LIMIT + 1, "too many requests: " + requests);
    }

    @Test
    @DisplayName("a synchronous source is asked for the capacity, then for batches of at least 3/4 of it")
    void synchronous_source_gets_batched_requests() throws InterruptedException {
        List<Long> requests = new CopyOnWriteArrayList<>();
        AtomicLong requested = new AtomicLong();
        Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.range(0, ITEMS).doOnRequest(n -> {
            requests.add(n);
            requested.addAndGet(n);
        }), CAPACITY);
        assertEquals(OptionalInt.of(CAPACITY), rx.capacity(), "one channel of the whole capacity, no split buffer");
        List<Integer> got = consume(rx, requested, TimeUnit.MICROSECONDS.toNanos(200));
        assertEquals(IntStream.range(0, ITEMS).boxed().collect(Collectors.toList()), got);
        assertBatched(requests);
    }

    @RepeatedTest(5)
    @DisplayName("an asynchronous source is asked for the capacity, then for batches of at least 3/4 of it")
    void asynchronous_source_gets_batched_requests() throws InterruptedException {
        Scheduler producer = Schedulers.newSingle("producer");
        try {
            List<Long> requests = new CopyOnWriteArrayList<>();
            AtomicLong requested = new AtomicLong();
            Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.range(0, ITEMS).publishOn(producer, 1).doOnRequest(n -> {
                requests.add(n);
                requested.addAndGet(n);
            }), CAPACITY);
            List<Integer> got = consume(rx, requested, TimeUnit.MICROSECONDS.toNanos(500));
            assertEquals(IntStream.range(0, ITEMS).boxed().collect(Collectors.toList()), got);
            assertBatched(requests);
        } finally {
            producer.dispose();
        }
    }

    @Test
    @DisplayName("a consumer polling one item at a time gets exactly [16, 12, 12, 12, 12] from a synchronous source")
    void one_at_a_time_consumer_gets_exact_batches() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        try (Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.range(0, ITEMS).doOnRequest(requests::add), CAPACITY)) {
            assertEquals(OptionalInt.of(CAPACITY), rx.capacity());
            assertEquals(List.of(16L), requests);
            assertEquals(CAPACITY, rx.len(), "the whole first batch is in the channel");
            for (int i = 0; i < ITEMS; i++) {
                assertEquals(Integer.valueOf(i), rx.poll());
            }
            assertEquals(List.of(16L, 12L, 12L, 12L, 12L), requests);
            assertTrue(rx.isDisconnected(), "the source completed");
        }
    }

    @Test
    @DisplayName("toReceiver's receiver reports the whole capacity, for every channel kind")
    void receiver_reports_the_whole_capacity() {
        for (int n : new int[] {1, 3, 4, 16, 1000}) {
            try (Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.never(), n)) {
                assertEquals(OptionalInt.of(n), rx.capacity(), "bounded(" + n + ")");
            }
        }
        try (Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.never(), 0)) {
            assertEquals(OptionalInt.of(0), rx.capacity(), "rendezvous");
        }
        try (Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.never(), Integer.MAX_VALUE)) {
            assertEquals(OptionalInt.empty(), rx.capacity(), "unbounded");
        }
    }

    @Test
    @DisplayName("a fast consumer of a synchronous source also sees only batches")
    void fast_consumer_gets_batched_requests() throws InterruptedException {
        List<Long> requests = new CopyOnWriteArrayList<>();
        AtomicLong requested = new AtomicLong();
        Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.range(0, ITEMS).doOnRequest(n -> {
            requests.add(n);
            requested.addAndGet(n);
        }), CAPACITY);
        assertEquals(ITEMS, consume(rx, requested, 0).size());
        assertBatched(requests);
    }
}
