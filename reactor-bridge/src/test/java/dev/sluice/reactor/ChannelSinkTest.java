package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Exceptions;
import reactor.core.Scannable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks.EmitFailureHandler;
import reactor.core.publisher.Sinks.EmitResult;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** {@code ChannelSinks.many(n)}: emission results, termination, legacy senders, scan. */
@Timeout(30)
class ChannelSinkTest {

    @Test
    void tryEmitNext_is_OK_while_there_is_room_then_FAIL_OVERFLOW() {
        ChannelSink<Integer> sink = ChannelSinks.many(2);
        StepVerifier.create(sink.asFlux(), 0)
                .then(() -> {
                    assertEquals(EmitResult.OK, sink.tryEmitNext(1));
                    assertEquals(EmitResult.OK, sink.tryEmitNext(2));
                    assertEquals(EmitResult.FAIL_OVERFLOW, sink.tryEmitNext(3));
                })
                .thenRequest(1)
                .expectNext(1)
                .then(() -> assertEquals(EmitResult.OK, sink.tryEmitNext(3)))
                .thenRequest(2)
                .expectNext(2, 3)
                .thenCancel()
                .verify(Await.TIMEOUT);
    }

    // As Reactor's unicast sink: a full buffer that nobody ever subscribed to is FAIL_ZERO_SUBSCRIBER.
    @Test
    void before_the_first_subscriber_a_full_sink_answers_FAIL_ZERO_SUBSCRIBER_and_keeps_what_it_buffered() {
        ChannelSink<Integer> sink = ChannelSinks.many(2);
        assertEquals(EmitResult.OK, sink.tryEmitNext(1));
        assertEquals(EmitResult.OK, sink.tryEmitNext(2));
        assertEquals(EmitResult.FAIL_ZERO_SUBSCRIBER, sink.tryEmitNext(3));
        sink.emitNext(3, EmitFailureHandler.FAIL_FAST);      // ignored: the sink is not terminated
        assertEquals(EmitResult.OK, sink.tryEmitComplete());
        StepVerifier.create(sink.asFlux()).expectNext(1, 2).expectComplete().verify(Await.TIMEOUT);
    }

    @Test
    void tryEmitComplete_ends_the_stream_after_the_buffered_items_then_FAIL_TERMINATED() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        sink.tryEmitNext(1);
        sink.tryEmitNext(2);
        assertEquals(EmitResult.OK, sink.tryEmitComplete());
        assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitNext(3));
        assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitComplete());
        assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitError(new RuntimeException()));
        StepVerifier.create(sink.asFlux()).expectNext(1, 2).expectComplete().verify(Await.TIMEOUT);
    }

    @Test
    void tryEmitError_ends_the_stream_with_the_error_after_the_buffered_items() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        sink.tryEmitNext(1);
        RuntimeException boom = new RuntimeException("boom");
        assertEquals(EmitResult.OK, sink.tryEmitError(boom));
        StepVerifier.create(sink.asFlux())
                .expectNext(1)
                .expectErrorSatisfies(e -> assertSame(boom, e))
                .verify(Await.TIMEOUT);
    }

    @Test
    void after_the_subscriber_cancelled_emissions_get_FAIL_CANCELLED() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        assertEquals(0, sink.currentSubscriberCount());
        StepVerifier.create(sink.asFlux(), 0)
                .then(() -> assertEquals(1, sink.currentSubscriberCount()))
                .thenCancel()
                .verify(Await.TIMEOUT);
        assertEquals(0, sink.currentSubscriberCount());
        assertEquals(EmitResult.FAIL_CANCELLED, sink.tryEmitNext(1));
        assertEquals(EmitResult.FAIL_CANCELLED, sink.tryEmitComplete());
        assertEquals(Boolean.TRUE, sink.scan(Scannable.Attr.CANCELLED));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.TERMINATED));
    }

    @Test
    void rendezvous_emission_succeeds_only_while_the_subscriber_waits_with_demand() {
        ChannelSink<Integer> sink = ChannelSinks.many(0);
        assertEquals(EmitResult.FAIL_ZERO_SUBSCRIBER, sink.tryEmitNext(1));
        StepVerifier.create(sink.asFlux(), 0)
                .then(() -> assertEquals(EmitResult.FAIL_OVERFLOW, sink.tryEmitNext(1), "no demand"))
                .thenRequest(1)
                .then(() -> assertEquals(EmitResult.OK, sink.tryEmitNext(1)))
                .expectNext(1)
                .then(() -> assertEquals(EmitResult.FAIL_OVERFLOW, sink.tryEmitNext(2)))
                .thenRequest(1)
                .then(() -> assertEquals(EmitResult.OK, sink.tryEmitNext(2)))
                .expectNext(2)
                .then(() -> assertEquals(EmitResult.OK, sink.tryEmitComplete()))
                .expectComplete()
                .verify(Await.TIMEOUT);
    }

    @Test
    void concurrent_emitters_never_get_FAIL_NON_SERIALIZED() throws InterruptedException {
        int emitters = 4;
        int perEmitter = 5_000;
        ChannelSink<Integer> sink = ChannelSinks.many(16);
        BitSet seen = new BitSet();
        CountDownLatch done = new CountDownLatch(1);
        sink.asFlux().publishOn(Schedulers.boundedElastic()).subscribe(m -> {
            synchronized (seen) {
                assertFalse(seen.get(m), "duplicate " + m);
                seen.set(m);
            }
        }, e -> { }, done::countDown);

        ConcurrentHashMap<EmitResult, Boolean> results = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < emitters; t++) {
            int base = t * perEmitter;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perEmitter; i++) {
                    EmitResult r;
                    while ((r = sink.tryEmitNext(base + i)) == EmitResult.FAIL_OVERFLOW) {
                        Thread.yield();                 // full: let the subscriber catch up
                    }
                    results.put(r, true);
                }
            }, "emitter-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(Await.TIMEOUT.toMillis());
        }
        assertEquals(EmitResult.OK, sink.tryEmitComplete());
        assertTrue(done.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(List.of(EmitResult.OK), new ArrayList<>(results.keySet()));
        assertEquals(emitters * perEmitter, seen.cardinality());
    }

    @Test
    void emitNext_with_FAIL_FAST_on_overflow_terminates_the_sink_with_an_overflow_error() {
        ChannelSink<Integer> sink = ChannelSinks.many(1);
        StepVerifier.create(sink.asFlux(), 0)
                .then(() -> {
                    sink.emitNext(1, EmitFailureHandler.FAIL_FAST);
                    sink.emitNext(2, EmitFailureHandler.FAIL_FAST);   // Reactor's contract: overflow -> error
                    assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitNext(3));
                })
                .thenRequest(1)
                .expectNext(1)
                .expectErrorMatches(Exceptions::isOverflow)
                .verify(Await.TIMEOUT);
    }

    @Test
    void emitNext_with_a_retrying_handler_waits_for_room() {
        ChannelSink<Integer> sink = ChannelSinks.many(2);
        StepVerifier verifier = StepVerifier.create(sink.asFlux().publishOn(Schedulers.boundedElastic(), 1))
                .expectNextSequence(IntStream.range(0, 200).boxed().collect(Collectors.toList()))
                .expectComplete()
                .verifyLater();
        EmitFailureHandler retry = (signal, result) -> {
            if (result == EmitResult.FAIL_OVERFLOW) {
                Thread.yield();                          // full: retry once the subscriber took some
                return true;
            }
            return false;
        };
        for (int i = 0; i < 200; i++) {
            sink.emitNext(i, retry);
        }
        sink.emitComplete(retry);
        verifier.verify(Await.TIMEOUT);
    }

    @Test
    void a_legacy_sender_waits_while_the_subscriber_is_slow_and_does_not_end_the_stream()
            throws InterruptedException {
        ChannelSink<Integer> sink = ChannelSinks.many(2);
        Producer legacy = Producer.start("legacy-sender", sink.newSender(), 0, 5);
        StepVerifier.create(sink.asFlux(), 0)
                .then(() -> Await.until("2 buffered, the legacy thread parked", () -> legacy.parkedAfter(2)))
                .thenRequest(3)
                .expectNext(0, 1, 2)
                .then(() -> joinUnchecked(legacy))             // all 5 sent, its handle closed
                .then(() -> assertEquals(EmitResult.OK, sink.tryEmitComplete()))
                .thenRequest(10)
                .expectNext(3, 4)
                .expectComplete()
                .verify(Await.TIMEOUT);
        try (Sender<Integer> late = sink.newSender()) {
            assertThrows(SendDisconnectedException.class, () -> late.send(9), "terminated: legacy sends fail");
        }
    }

    @Test
    void a_legacy_closeChannel_terminates_the_sink() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        sink.tryEmitNext(1);
        sink.newSender().closeChannel();
        assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitNext(2));
        assertEquals(EmitResult.FAIL_TERMINATED, sink.tryEmitComplete());
        StepVerifier.create(sink.asFlux()).expectNext(1).expectComplete().verify(Await.TIMEOUT);
    }

    @Test
    void asFlux_allows_a_single_subscriber() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        BaseSubscriber<Integer> first = new BaseSubscriber<>() { };
        sink.asFlux().subscribe(first);
        StepVerifier.create(sink.asFlux())
                .expectError(IllegalStateException.class)
                .verify(Await.TIMEOUT);
        assertEquals(1, sink.currentSubscriberCount());
        first.dispose();
    }

    @Test
    void scan_reports_buffered_capacity_terminated_and_cancelled() {
        ChannelSink<Integer> sink = ChannelSinks.many(8);
        sink.tryEmitNext(1);
        sink.tryEmitNext(2);
        assertEquals(2, sink.scan(Scannable.Attr.BUFFERED));
        assertEquals(8, sink.scan(Scannable.Attr.CAPACITY));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.TERMINATED));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.CANCELLED));
        sink.tryEmitComplete();
        assertEquals(Boolean.TRUE, sink.scan(Scannable.Attr.TERMINATED));
        assertEquals(Integer.MAX_VALUE, ChannelSinks.many(Integer.MAX_VALUE).scan(Scannable.Attr.CAPACITY));
    }

    @Test
    void scan_reports_CANCELLED_and_not_TERMINATED_after_the_subscriber_cancelled() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        sink.tryEmitNext(1);
        StepVerifier.create(sink.asFlux(), 0).thenCancel().verify(Await.TIMEOUT);
        assertEquals(Boolean.TRUE, sink.scan(Scannable.Attr.CANCELLED));
        assertEquals(Boolean.FALSE, sink.scan(Scannable.Attr.TERMINATED));
        assertEquals(0, sink.scan(Scannable.Attr.BUFFERED), "discarded with the receiver");
        assertEquals(0, sink.currentSubscriberCount());
    }

    @Test
    void newSender_makes_a_new_handle_per_call_and_closing_one_ends_nothing() throws InterruptedException {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        Sender<Integer> one = sink.newSender();
        Sender<Integer> two = sink.newSender();
        assertTrue(one != two, "each call is a new handle");
        assertTrue(one.sameChannel(two));
        one.close();
        assertTrue(one.isClosed());
        two.send(1);                                       // the other handle still works
        two.close();
        assertEquals(EmitResult.OK, sink.tryEmitNext(2), "closing every legacy handle does not end the stream");
        sink.tryEmitComplete();
        StepVerifier.create(sink.asFlux()).expectNext(1, 2).expectComplete().verify(Await.TIMEOUT);
    }

    @Test
    void messages_discarded_by_a_cancelled_subscriber_reach_its_discard_hook() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        sink.tryEmitNext(1);
        sink.tryEmitNext(2);
        sink.tryEmitNext(3);
        List<Object> discarded = new ArrayList<>();
        StepVerifier.create(sink.asFlux().doOnDiscard(Integer.class, discarded::add), 1)
                .expectNext(1)
                .thenCancel()
                .verify(Duration.ofSeconds(10));
        assertEquals(List.of(2, 3), discarded);
    }

    private static void joinUnchecked(Producer producer) {
        try {
            assertNull(producer.join());
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_negative_capacity_is_rejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ChannelSinks.many(-1));
        assertInstanceOf(IllegalArgumentException.class, e);
    }
}
