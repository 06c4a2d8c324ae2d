package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.Scannable;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.Sinks.EmitFailureHandler;
import reactor.core.publisher.Sinks.EmitResult;
import reactor.util.concurrent.Queues;

/**
 * Differential test: the same calls on a Reactor sink and on a {@link ChannelSink} give the same
 * emission results, the same discard / dropped hooks, the same handler consultations and the same
 * signals, one scenario per {@link EmitResult} situation. Unicast is compared with
 * {@code Sinks.many().unicast().onBackpressureBuffer(queue of 8)} and {@code ChannelSinks.many(8)};
 * multicast with {@code Sinks.many().multicast().onBackpressureBuffer(8)} and
 * {@code ChannelSinks.multicast(8)}. The intended differences (no {@code FAIL_NON_SERIALIZED};
 * after an auto-cancel {@code FAIL_CANCELLED} where Reactor answers {@code OK}) have their own tests.
 */
@Timeout(30)
class ChannelSinkDifferentialTest {

    /** Everything a scenario makes observable, in separate streams (delivery may be on another thread). */
    static final class Transcript {
        final List<String> results = Collections.synchronizedList(new ArrayList<>());
        final List<String> signals = Collections.synchronizedList(new ArrayList<>());
        final List<String> discarded = Collections.synchronizedList(new ArrayList<>());
        final List<String> dropped = Collections.synchronizedList(new ArrayList<>());
        final List<String> handler = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String toString() {
            return "results=" + results + "\nsignals=" + signals + "\ndiscarded=" + discarded
                    + "\ndropped=" + dropped + "\nhandler=" + handler;
        }
    }

    /** The scenario's view of one sink: each call records what it observed. */
    static final class Script {
        final Sinks.Many<Integer> sink;
        final Transcript t = new Transcript();

        Script(Sinks.Many<Integer> sink) {
            this.sink = sink;
        }

        /** tryEmitNext of from..to, inclusive. */
        void tryNext(int from, int to) {
            for (int v = from; v <= to; v++) {
                tryNext(v);
            }
        }

        void tryNext(int v) {
            t.results.add("tryEmitNext(" + v + ")=" + sink.tryEmitNext(v));
        }

        void tryComplete() {
            t.results.add("tryEmitComplete=" + sink.tryEmitComplete());
        }

        void tryError(String message) {
            t.results.add("tryEmitError=" + sink.tryEmitError(new IllegalStateException(message)));
        }

        void emitNext(int v, EmitFailureHandler handler) {
            sink.emitNext(v, recording(handler));
        }

        void emitComplete(EmitFailureHandler handler) {
            sink.emitComplete(recording(handler));
        }

        void emitError(String message, EmitFailureHandler handler) {
            sink.emitError(new IllegalStateException(message), recording(handler));
        }

        EmitFailureHandler recording(EmitFailureHandler handler) {
            return (signal, result) -> {
                boolean retry = handler.onEmitFailure(signal, result);
                t.handler.add(signal + " " + result + " -> " + (retry ? "retry" : "give up"));
                return retry;
            };
        }

        void scan() {
            t.results.add("subscribers=" + sink.currentSubscriberCount()
                    + " buffered=" + sink.scan(Scannable.Attr.BUFFERED)
                    + " terminated=" + sink.scan(Scannable.Attr.TERMINATED)
                    + " cancelled=" + sink.scan(Scannable.Attr.CANCELLED));
        }

        void capacity() {
            t.results.add("capacity=" + sink.scan(Scannable.Attr.CAPACITY));
        }

        Probe subscribe(String name) {
            Probe probe = new Probe(name, t, true);
            sink.asFlux().doOnDiscard(Object.class, o -> t.discarded.add(String.valueOf(o))).subscribe(probe);
            return probe;
        }

        /** A subscriber whose onNext signals are not recorded (their count differs by design). */
        Probe subscribeQuietly(String name) {
            Probe probe = new Probe(name, t, false);
            sink.asFlux().doOnDiscard(Object.class, o -> t.discarded.add(String.valueOf(o))).subscribe(probe);
            return probe;
        }
    }

    /** Records its signals; requests only what the scenario asks for. */
    static final class Probe extends BaseSubscriber<Integer> {
        final String name;
        final Transcript t;
        final boolean recordValues;

        Probe(String name, Transcript t, boolean recordValues) {
            this.name = name;
            this.t = t;
            this.recordValues = recordValues;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // no request: the scenario decides
        }

        @Override
        protected void hookOnNext(Integer value) {
            if (recordValues) {
                t.signals.add(name + " onNext " + value);
            }
        }

        @Override
        protected void hookOnComplete() {
            t.signals.add(name + " onComplete");
        }

        @Override
        protected void hookOnError(Throwable e) {
            t.signals.add(name + " onError " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    interface Scenario {
        void run(Script s);
    }

    /** Reactor's smallest array queue (Queues.get rounds up to 8), so that both buffers are equal. */
    private static final int CAPACITY = 8;

    private static volatile Transcript current;

    @BeforeEach
    void captureDroppedHooks() {
        Hooks.onNextDropped(v -> current.dropped.add("next " + v));
        Hooks.onErrorDropped(e -> current.dropped.add("error " + e.getMessage()));
    }

    @AfterEach
    void resetDroppedHooks() {
        Hooks.resetOnNextDropped();
        Hooks.resetOnErrorDropped();
    }

    private static Transcript play(Sinks.Many<Integer> sink, Scenario scenario) {
        Script script = new Script(sink);
        current = script.t;
        scenario.run(script);
        return script.t;
    }

    /** Plays {@code scenario} on both sinks and compares every stream of observations. */
    private static void same(Supplier<Sinks.Many<Integer>> reactor, Supplier<ChannelSink<Integer>> sluice,
            Scenario scenario) {
        Transcript expected = play(reactor.get(), scenario);
        Transcript actual = play(sluice.get(), scenario);
        Await.until(() -> "signals " + actual.signals + " to catch up with " + expected.signals,
                () -> actual.signals.size() >= expected.signals.size());
        String both = "\nReactor:\n" + expected + "\nChannelSink:\n" + actual;
        assertEquals(expected.results, actual.results, "emission results" + both);
        assertEquals(expected.signals, actual.signals, "signals" + both);
        assertEquals(expected.discarded, actual.discarded, "discarded" + both);
        assertEquals(expected.dropped, actual.dropped, "dropped" + both);
        assertEquals(expected.handler, actual.handler, "handler consultations" + both);
    }

    private static void unicast(Scenario scenario) {
        same(() -> Sinks.many().unicast().onBackpressureBuffer(Queues.<Integer>get(CAPACITY).get()),
                () -> ChannelSinks.many(CAPACITY), scenario);
    }

    private static void multicast(Scenario scenario) {
        same(() -> Sinks.many().multicast().onBackpressureBuffer(CAPACITY), () -> ChannelSinks.multicast(CAPACITY),
                scenario);
    }

    // ---- unicast --------------------------------------------------------------------------------

    @Test
    void OK_buffers_before_the_subscriber_and_delivers_on_demand() {
        unicast(s -> {
            s.capacity();
            s.tryNext(1);
            s.tryNext(2);
            s.scan();
            Probe a = s.subscribe("a");
            s.scan();
            a.request(1);
            s.scan();
            a.request(5);
            s.tryNext(3);
            s.tryComplete();
            s.scan();
        });
    }

    @Test
    void FAIL_ZERO_SUBSCRIBER_when_full_before_any_subscriber_and_emitNext_ignores_it() {
        unicast(s -> {
            s.tryNext(1, 8);
            s.tryNext(9);
            s.tryNext(10);
            s.emitNext(11, EmitFailureHandler.FAIL_FAST);
            s.scan();
            Probe a = s.subscribe("a");
            a.request(10);
            s.tryComplete();
        });
    }

    @Test
    void FAIL_OVERFLOW_with_FAIL_FAST_discards_the_value_and_terminates_with_an_overflow_error() {
        unicast(s -> {
            Probe a = s.subscribe("a");
            s.tryNext(1, 8);
            s.tryNext(9);
            s.tryNext(10);
            s.emitNext(11, EmitFailureHandler.FAIL_FAST);
            s.scan();
            s.tryNext(12);
            a.request(20);
            s.scan();
        });
    }

    @Test
    void FAIL_OVERFLOW_with_a_handler_that_makes_room_retries_until_OK() {
        unicast(s -> {
            Probe a = s.subscribe("a");
            s.tryNext(1, 7);
            s.tryNext(8);
            s.emitNext(9, (signal, result) -> {
                a.request(1);                              // the subscriber takes one: room again
                return result == EmitResult.FAIL_OVERFLOW;
            });
            a.request(10);
            s.emitComplete(EmitFailureHandler.FAIL_FAST);
        });
    }

    @Test
    void busyLooping_retries_only_FAIL_NON_SERIALIZED_so_an_overflow_gives_up_at_once() {
        unicast(s -> {
            Probe a = s.subscribe("a");
            s.tryNext(1, 7);
            s.tryNext(8);
            s.emitNext(9, EmitFailureHandler.busyLooping(Duration.ofSeconds(5)));
            a.request(10);
        });
    }

    @Test
    void FAIL_CANCELLED_after_cancel_discards_buffered_and_emitted_values_and_drops_nothing() {
        unicast(s -> {
            Probe a = s.subscribe("a");
            s.tryNext(1);
            s.tryNext(2);
            a.cancel();
            s.scan();
            s.tryNext(3);
            s.emitNext(4, EmitFailureHandler.FAIL_FAST);
            s.tryComplete();
            s.tryError("late");
            s.emitError("late", EmitFailureHandler.FAIL_FAST);
            s.emitComplete(EmitFailureHandler.FAIL_FAST);
            s.scan();
        });
    }

    @Test
    void FAIL_TERMINATED_after_complete_drops_values_and_errors_through_the_dropped_hooks() {
        unicast(s -> {
            s.tryNext(1);
            s.tryComplete();
            s.scan();
            s.tryNext(2);
            s.emitNext(3, EmitFailureHandler.FAIL_FAST);
            s.emitError("late", EmitFailureHandler.FAIL_FAST);
            s.emitComplete(EmitFailureHandler.FAIL_FAST);
            s.tryError("late");
            s.tryComplete();
            Probe a = s.subscribe("a");
            a.request(10);
            s.scan();
        });
    }

    @Test
    void tryEmitError_ends_after_the_buffered_values_then_FAIL_TERMINATED() {
        unicast(s -> {
            s.tryNext(1);
            s.tryError("boom");
            s.emitError("again", EmitFailureHandler.FAIL_FAST);
            Probe a = s.subscribe("a");
            a.request(1);
            s.scan();
        });
    }

    // ---- multicast ------------------------------------------------------------------------------

    @Test
    void multicast_warms_up_before_the_first_subscriber_then_FAIL_ZERO_SUBSCRIBER() {
        multicast(s -> {
            s.capacity();
            s.tryNext(1, 9);
            s.emitNext(10, EmitFailureHandler.FAIL_FAST);
            s.scan();
            Probe a = s.subscribe("a");
            a.request(10);
            Probe b = s.subscribe("b");
            s.tryNext(11);                                  // b has no demand: nobody gets it yet
            b.request(10);
            s.tryComplete();
            s.subscribe("late");                           // after the end: its terminal signal at once
        });
    }

    @Test
    void multicast_every_subscriber_gets_each_element_when_the_slowest_requested_it() {
        multicast(s -> {
            Probe a = s.subscribe("a");
            Probe b = s.subscribe("b");
            a.request(10);
            b.request(1);
            s.tryNext(1);
            s.tryNext(2);                                  // b has no demand left: held back for both
            s.scan();
            b.request(1);
            s.tryComplete();
        });
    }

    @Test
    void multicast_a_subscriber_that_cancels_stops_counting() {
        multicast(s -> {
            Probe a = s.subscribe("a");
            Probe b = s.subscribe("b");
            a.request(10);
            s.tryNext(1);                                  // held: b requested nothing
            b.cancel();                                    // a alone governs now
            s.tryNext(2);
            s.scan();
            s.tryComplete();
        });
    }

    @Test
    void multicast_FAIL_OVERFLOW_with_FAIL_FAST_terminates_every_subscriber_with_an_overflow_error() {
        // How many OK before the overflow differs by design (capacity + prefetch here, the
        // buffer size there), so values are not recorded, only the first failure and what follows.
        multicast(s -> {
            Probe a = s.subscribeQuietly("a");
            Probe b = s.subscribeQuietly("b");
            EmitResult first;
            int v = 0;
            do {
                first = s.sink.tryEmitNext(++v);
            } while (first == EmitResult.OK && v < 1000);
            s.t.results.add("first failure " + first);
            s.emitNext(1000, EmitFailureHandler.FAIL_FAST);
            s.tryNext(1001);
            a.request(Long.MAX_VALUE);
            b.request(Long.MAX_VALUE);
        });
    }

    @Test
    void multicast_tryEmitError_reaches_current_and_late_subscribers() {
        multicast(s -> {
            Probe a = s.subscribe("a");
            s.tryNext(1);
            s.tryError("boom");
            a.request(1);
            s.subscribe("late");
            s.emitError("again", EmitFailureHandler.FAIL_FAST);
        });
    }

    // ---- intended differences -------------------------------------------------------------------

    /**
     * Reactor's serialized sink answers FAIL_NON_SERIALIZED to a second thread emitting while the
     * first one is inside the sink (here: inside the subscriber's onNext); the channel is
     * multi-producer, so ChannelSink accepts the second emission.
     */
    @Test
    void concurrent_emission_is_FAIL_NON_SERIALIZED_on_Reactor_and_accepted_by_ChannelSink() throws Exception {
        assertEquals(EmitResult.FAIL_NON_SERIALIZED,
                emitWhileAnotherEmitterIsInside(Sinks.many().unicast().onBackpressureBuffer(Queues.<Integer>get(2).get())));
        assertEquals(EmitResult.OK, emitWhileAnotherEmitterIsInside(ChannelSinks.many(2)));
    }

    private static EmitResult emitWhileAnotherEmitterIsInside(Sinks.Many<Integer> sink) throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        sink.asFlux().subscribe(new BaseSubscriber<Integer>() {
            @Override
            protected void hookOnNext(Integer value) {
                if (value == 1) {
                    inside.countDown();
                    try {
                        assertTrue(release.await(10, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        });
        ExecutorService first = Executors.newSingleThreadExecutor();
        try {
            Future<EmitResult> one = first.submit(() -> sink.tryEmitNext(1));   // parks inside onNext
            assertTrue(inside.await(10, TimeUnit.SECONDS));
            EmitResult second = sink.tryEmitNext(2);
            release.countDown();
            assertEquals(EmitResult.OK, one.get(10, TimeUnit.SECONDS));
            return second;
        } finally {
            release.countDown();
            first.shutdownNow();
        }
    }

    /**
     * After the last multicast subscriber went away (autoCancel), Reactor's sink answers
     * FAIL_CANCELLED only if nothing was ever emitted; otherwise it answers OK and silently clears
     * what it is given, and its tryEmitComplete answers OK either way, with no context to discard
     * into. ChannelSink is consistent: FAIL_CANCELLED for every emission (as its unicast sink and
     * Reactor's unicast sink answer after a cancel), refused values and what the channel buffered
     * discarded through the hook of the first subscriber's context; what the fan-out stage
     * (publish) had taken ahead, up to its prefetch, is cleared silently, as Reactor clears its
     * queue. Both complete later subscribers at once.
     */
    @Test
    void after_the_last_multicast_subscriber_left_ChannelSink_is_FAIL_CANCELLED_where_Reactor_varies() {
        Scenario neverEmitted = s -> {
            Probe a = s.subscribe("a");
            a.cancel();
            s.tryNext(1);
            s.emitNext(2, EmitFailureHandler.FAIL_FAST);
            s.tryComplete();
            s.subscribe("late");
        };
        Scenario emittedBefore = s -> {
            Probe a = s.subscribe("a");
            s.tryNext(1);                                  // buffered: a requested nothing
            a.cancel();
            s.tryNext(2);
            s.tryComplete();
            s.subscribe("late");
        };
        Transcript reactor = play(Sinks.many().multicast().onBackpressureBuffer(CAPACITY), neverEmitted);
        Transcript sluice = play(ChannelSinks.multicast(CAPACITY), neverEmitted);
        assertEquals(List.of("tryEmitNext(1)=FAIL_CANCELLED", "tryEmitComplete=OK"), reactor.results);
        assertEquals(List.of(), reactor.discarded);
        assertEquals(List.of("tryEmitNext(1)=FAIL_CANCELLED", "tryEmitComplete=FAIL_CANCELLED"), sluice.results);
        assertEquals(List.of("2"), sluice.discarded);
        assertEquals(List.of("late onComplete"), reactor.signals);
        assertEquals(List.of("late onComplete"), sluice.signals);

        reactor = play(Sinks.many().multicast().onBackpressureBuffer(CAPACITY), emittedBefore);
        sluice = play(ChannelSinks.multicast(CAPACITY), emittedBefore);
        assertEquals(List.of("tryEmitNext(1)=OK", "tryEmitNext(2)=OK", "tryEmitComplete=OK"), reactor.results);
        assertEquals(List.of(), reactor.discarded);
        assertEquals(List.of("tryEmitNext(1)=OK", "tryEmitNext(2)=FAIL_CANCELLED", "tryEmitComplete=FAIL_CANCELLED"),
                sluice.results);
        assertEquals(List.of(), sluice.discarded);    // 1 sat in the fan-out stage, cleared like Reactor's queue
        assertEquals(List.of("late onComplete"), reactor.signals);
        assertEquals(List.of("late onComplete"), sluice.signals);
    }
}
