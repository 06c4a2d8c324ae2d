package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Channel;
import dev.sluice.OverflowPolicy;
import dev.sluice.Sender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * The bridge over dropping channels, through the public API only: a producer never
 * waits for the subscriber, and the subscriber sees the oldest (DROP_NEWEST) or the newest
 * (DROP_OLDEST) messages. Sends run on a Reactor non-blocking thread, where BlockHound would
 * fail any wait.
 */
@Timeout(30)
class OverflowPolicyBridgeTest {
    private static final Duration BOUND = Duration.ofSeconds(10);

    private static Channel<Integer> channel(OverflowPolicy policy, List<Integer> discarded) {
        return Channel.<Integer>builder().capacity(4).overflow(policy).onDiscard(discarded::add).build();
    }

    /** 100 blocking-API sends on a parallel (non-blocking) thread while the subscriber has no demand. */
    private static void sendAllOnNonBlockingThread(Sender<Integer> tx) {
        Mono.fromRunnable(() -> {
            try (tx) {
                for (int i = 0; i < 100; i++) {
                    tx.send(i);
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).subscribeOn(Schedulers.parallel()).block(BOUND);
    }

    // A DROP_OLDEST ChannelSink never returns FAIL_OVERFLOW and its subscriber sees the
    // newest data; what it sheds goes to Reactor's discard hook
    @Test
    void drop_oldest_sink_never_overflows_and_its_subscriber_sees_the_newest() {
        ChannelSink<Integer> sink = ChannelSinks.many(4, OverflowPolicy.DROP_OLDEST);
        List<Object> discarded = new CopyOnWriteArrayList<>();
        StepVerifier.create(sink.asFlux().doOnDiscard(Integer.class, discarded::add), 0)
                .then(() -> {
                    for (int i = 0; i < 100; i++) {
                        assertEquals(reactor.core.publisher.Sinks.EmitResult.OK, sink.tryEmitNext(i));
                    }
                    assertEquals(reactor.core.publisher.Sinks.EmitResult.OK, sink.tryEmitComplete());
                })
                .thenRequest(10)
                .expectNext(96, 97, 98, 99)
                .expectComplete()
                .verify(BOUND);
        assertEquals(96, discarded.size());
    }

    @Test
    void a_dropping_sink_needs_a_bounded_buffer() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ChannelSinks.many(0, OverflowPolicy.DROP_OLDEST));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ChannelSinks.many(Integer.MAX_VALUE, OverflowPolicy.DROP_NEWEST));
    }

    @Test
    void from_over_drop_oldest_never_makes_producers_wait_and_emits_the_newest() {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = channel(OverflowPolicy.DROP_OLDEST, discarded);
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .then(() -> sendAllOnNonBlockingThread(ch.sender()))
                .thenRequest(10)
                .expectNext(96, 97, 98, 99)
                .expectComplete()
                .verify(BOUND);
        assertEquals(IntStream.range(0, 96).boxed().collect(Collectors.toList()), discarded);
    }

    @Test
    void from_over_drop_newest_never_makes_producers_wait_and_emits_the_oldest() {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = channel(OverflowPolicy.DROP_NEWEST, discarded);
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .then(() -> sendAllOnNonBlockingThread(ch.sender()))
                .thenRequest(10)
                .expectNext(0, 1, 2, 3)
                .expectComplete()
                .verify(BOUND);
        assertEquals(IntStream.range(4, 100).boxed().collect(Collectors.toList()), discarded);
    }

    @Test
    void conflated_flux_subscriber_sees_the_latest_value() {
        Channel<Integer> ch = Channel.conflated();
        StepVerifier.create(ChannelFlux.from(ch.receiver()), 0)
                .then(() -> sendAllOnNonBlockingThread(ch.sender()))
                .thenRequest(1)
                .expectNext(99)
                .expectComplete()
                .verify(BOUND);
    }

    /** A dropping channel never pushes back: {@code into} requests as if the room were free. */
    @Test
    void into_drop_oldest_sender_completes_without_a_draining_receiver() {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = channel(OverflowPolicy.DROP_OLDEST, discarded);
        StepVerifier.create(ChannelFlux.into(Flux.range(0, 100), ch.sender()))
                .expectComplete()
                .verify(BOUND);
        assertEquals(96, discarded.size());
        ch.sender().close();
        StepVerifier.create(ChannelFlux.from(ch.receiver())).expectNext(96, 97, 98, 99).expectComplete().verify(BOUND);
    }

    /** {@code DROPPED} counts as taken: the item is shed once, never retried. */
    @Test
    void into_drop_newest_sender_completes_and_drops_each_rejected_item_once() {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = channel(OverflowPolicy.DROP_NEWEST, discarded);
        StepVerifier.create(ChannelFlux.into(Flux.range(0, 100), ch.sender()))
                .expectComplete()
                .verify(BOUND);
        assertEquals(IntStream.range(4, 100).boxed().collect(Collectors.toList()), discarded);
    }
}
