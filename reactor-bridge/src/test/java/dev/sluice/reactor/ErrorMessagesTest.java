package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.OverflowPolicy;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/** Every error the bridge raises names what its caller can do, in the caller's own terms. */
@Timeout(30)
class ErrorMessagesTest {
    private static final Duration VERIFY = Duration.ofSeconds(10);

    private static Consumer<Throwable> stateError(String... advice) {
        return e -> {
            assertInstanceOf(IllegalStateException.class, e);
            for (String a : advice) {
                assertTrue(e.getMessage().contains(a), "'" + a + "' missing from: " + e.getMessage());
            }
        };
    }

    @Test
    @DisplayName("a second subscriber of ChannelSinks.many(n).asFlux() is pointed at multicast, not at a receiver it does not have")
    void a_second_sink_subscriber_is_told_about_multicast() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        sink.asFlux().subscribe(new BaseSubscriber<>() { });
        StepVerifier.create(sink.asFlux())
                .expectErrorSatisfies(e -> {
                    stateError("ChannelSinks.many(n).asFlux()", "ChannelSinks.multicast(n)").accept(e);
                    assertFalse(e.getMessage().contains("receiver.clone()"), e.getMessage());
                })
                .verify(VERIFY);
    }

    @Test
    @DisplayName("a subscriber after a unicast sink's subscription ended is told to make a new sink or use multicast")
    void a_late_sink_subscriber_is_told_what_to_do() {
        ChannelSink<Integer> sink = ChannelSinks.many(4);
        BaseSubscriber<Integer> first = new BaseSubscriber<>() { };
        sink.asFlux().subscribe(first);
        first.cancel();
        StepVerifier.create(sink.asFlux())
                .expectErrorSatisfies(e -> {
                    stateError("new sink", "ChannelSinks.multicast(n)").accept(e);
                    assertFalse(e.getMessage().contains("receiver"), e.getMessage());
                })
                .verify(VERIFY);
    }

    @Test
    @DisplayName("ChannelFlux.from: a second subscriber, a reused Flux and a closed handle each name receiver.clone()")
    void from_errors_name_the_clone() {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        Flux<Integer> flux = ChannelFlux.from(rx);
        BaseSubscriber<Integer> first = new BaseSubscriber<>() { };
        flux.subscribe(first);
        StepVerifier.create(flux).expectErrorSatisfies(stateError("ChannelFlux.from", "receiver.clone()")).verify(VERIFY);
        first.cancel();
        StepVerifier.create(flux)
                .expectErrorSatisfies(stateError("cannot be subscribed again", "receiver.clone()"))
                .verify(VERIFY);
        StepVerifier.create(ChannelFlux.from(rx))
                .expectErrorSatisfies(stateError("Receiver is closed", "receiver.clone()"))
                .verify(VERIFY);
    }

    @Test
    @DisplayName("ChannelFlux.into with a closed Sender says to pass an open handle and close it in doFinally")
    void into_with_a_closed_sender_says_what_to_do() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender().clone();
        tx.close();
        StepVerifier.create(ChannelFlux.into(Flux.just(1), tx))
                .expectErrorSatisfies(stateError("ChannelFlux.into", "open handle", "doFinally"))
                .verify(VERIFY);
    }

    @Test
    @DisplayName("a bad capacity names the accepted range and the alternative")
    void capacity_errors_name_the_range() {
        IllegalArgumentException many = assertThrows(IllegalArgumentException.class,
                () -> ChannelSinks.many(0, OverflowPolicy.DROP_OLDEST));
        assertTrue(many.getMessage().contains("OverflowPolicy.BLOCK"), many.getMessage());
        IllegalArgumentException multicast = assertThrows(IllegalArgumentException.class,
                () -> ChannelSinks.multicast(Integer.MAX_VALUE));
        assertTrue(multicast.getMessage().contains("1..Channel.MAX_CAPACITY"), multicast.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> ChannelFlux.toReceiver(Flux.just(1), -1));
        assertTrue(negative.getMessage().contains("Integer.MAX_VALUE for an unbounded"), negative.getMessage());
    }

    @Test
    @DisplayName("a source that ignores demand is told which backpressure operator to add")
    void an_overflowing_source_is_told_which_operator_to_add() {
        TestPublisher<Integer> source = TestPublisher.createNoncompliant(TestPublisher.Violation.REQUEST_OVERFLOW);
        Receiver<Integer> rx = ChannelFlux.toReceiver(source, 1);
        source.next(1, 2, 3);
        assertEquals(1, rx.poll());
        DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
        assertTrue(e.getCause().getMessage().contains("onBackpressureBuffer"), String.valueOf(e.getCause()));
    }
}
