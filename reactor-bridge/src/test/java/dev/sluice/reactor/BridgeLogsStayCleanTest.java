package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;
import reactor.test.util.LoggerUtils;
import reactor.test.util.TestLogger;

/**
 * A user's logs stay clean: normal use of every adapter (completion, early close, cancel, error)
 * logs no WARN or ERROR through Reactor's loggers. The capture is installed for the whole test JVM
 * by {@link LogCaptureInstaller}; the first test proves it sees what Reactor logs, so the others
 * cannot pass because nothing was captured.
 */
@Timeout(30)
class BridgeLogsStayCleanTest {
    private static final Duration VERIFY = Duration.ofSeconds(10);

    private final TestLogger log = new TestLogger(false);

    @BeforeEach
    void capture() {
        LoggerUtils.enableCaptureWith(log, false);
    }

    @AfterEach
    void release() {
        LoggerUtils.disableCapture();
    }

    private void assertNoWarnOrError() {
        assertEquals("", log.getErrContent(), "WARN/ERROR logged by normal use");
    }

    @Test
    @DisplayName("the capture sees an ERROR that Reactor logs (so a clean result means something)")
    void capture_sees_reactor_errors() {
        Operators.emptySubscriber().onComplete();      // reactor-core logs this as an ERROR
        assertTrue(log.getErrContent().contains("emptySubscriber"), log.getErrContent());
    }

    @Test
    @DisplayName("toReceiver: normal completion, early close, source error and rendezvous log nothing")
    void to_receiver_logs_nothing() throws InterruptedException {
        List<Integer> all = new ArrayList<>();
        try (Receiver<Integer> rx = ChannelFlux.toReceiver(Flux.range(0, 100), 8)) {
            rx.forEach(all::add);
        }
        assertEquals(100, all.size());

        Receiver<Integer> early = ChannelFlux.toReceiver(Flux.range(0, 1_000), 4);
        assertEquals(0, early.recv());
        early.close();                                    // cancels the source: SendDisconnected inside

        try (Receiver<Integer> failing = ChannelFlux.toReceiver(
                Flux.range(0, 3).concatWith(Flux.error(new IllegalStateException("boom"))), 4)) {
            assertEquals(0, failing.recv());
            assertEquals(1, failing.recv());
            assertEquals(2, failing.recv());
            DisconnectedException e = assertThrows(DisconnectedException.class, failing::recv);
            assertInstanceOf(IllegalStateException.class, e.getCause());
        }

        try (Receiver<Integer> rendezvous = ChannelFlux.toReceiver(Flux.range(0, 10), 0)) {
            int n = 0;
            for (Integer ignored : rendezvous) {
                n++;
            }
            assertEquals(10, n);
        }
        Receiver<Integer> rendezvousClosed = ChannelFlux.toReceiver(Flux.range(0, 10), 0);
        assertEquals(0, rendezvousClosed.recv());
        rendezvousClosed.close();
        assertNoWarnOrError();
    }

    @Test
    @DisplayName("from: completion, cancel, closeChannel(cause) and a refused second subscriber log nothing")
    void from_logs_nothing() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(16);
        Sender<Integer> tx = ch.sender();
        for (int i = 0; i < 10; i++) {
            tx.send(i);
        }
        tx.close();
        StepVerifier.create(ChannelFlux.from(ch.receiver())).expectNextCount(10).expectComplete().verify(VERIFY);

        Channel<Integer> cancelled = Channel.bounded(16);
        Sender<Integer> ctx = cancelled.sender();
        for (int i = 0; i < 10; i++) {
            ctx.send(i);
        }
        Flux<Integer> flux = ChannelFlux.from(cancelled.receiver());
        StepVerifier.create(flux.take(3)).expectNextCount(3).expectComplete().verify(VERIFY);
        assertThrows(SendDisconnectedException.class, () -> ctx.send(99), "cancel closed the receiver");
        StepVerifier.create(flux).expectError(IllegalStateException.class).verify(VERIFY);

        Channel<Integer> failed = Channel.bounded(4);
        failed.sender().send(1);
        failed.sender().closeChannel(new IllegalStateException("producer failed"));
        StepVerifier.create(ChannelFlux.from(failed.receiver()))
                .expectNext(1).expectError(IllegalStateException.class).verify(VERIFY);

        Channel<Integer> rendezvous = Channel.rendezvous();
        Sender<Integer> rtx = rendezvous.sender();
        Thread producer = new Thread(() -> {
            try (rtx) {
                for (int i = 0; i < 5; i++) {
                    rtx.send(i);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.start();
        StepVerifier.create(ChannelFlux.from(rendezvous.receiver())).expectNextCount(5).expectComplete().verify(VERIFY);
        producer.join(TimeUnit.SECONDS.toMillis(10));
        assertNoWarnOrError();
    }

    @Test
    @DisplayName("into: completion, receivers gone, cancel and source error log nothing")
    void into_logs_nothing() {
        Channel<Integer> ch = Channel.bounded(64);
        Sender<Integer> tx = ch.sender();
        StepVerifier.create(ChannelFlux.into(Flux.range(0, 50), tx)).expectComplete().verify(VERIFY);
        assertEquals(50, ch.receiver().len());

        Channel<Integer> gone = Channel.bounded(2);
        gone.receiver().close();
        StepVerifier.create(ChannelFlux.into(Flux.range(0, 50), gone.sender()))
                .expectError(SendDisconnectedException.class).verify(VERIFY);

        Channel<Integer> full = Channel.bounded(2);
        Disposable running = ChannelFlux.into(Flux.range(0, 50), full.sender()).subscribe();
        running.dispose();                              // cancel while waiting for room

        Channel<Integer> failing = Channel.bounded(8);
        StepVerifier.create(ChannelFlux.into(Flux.<Integer>error(new IllegalStateException("boom")), failing.sender()))
                .expectError(IllegalStateException.class).verify(VERIFY);
        assertNoWarnOrError();
    }

    @Test
    @DisplayName("sinks: unicast and multicast completion, cancel and error log nothing")
    void sinks_log_nothing() throws Exception {
        ChannelSink<Integer> sink = ChannelSinks.many(8);
        for (int i = 0; i < 5; i++) {
            assertEquals(Sinks.EmitResult.OK, sink.tryEmitNext(i));
        }
        sink.tryEmitComplete();
        StepVerifier.create(sink.asFlux()).expectNextCount(5).expectComplete().verify(VERIFY);

        ChannelSink<Integer> cancelled = ChannelSinks.many(8);
        Sender<Integer> legacy = cancelled.newSender();
        legacy.send(1);
        StepVerifier.create(cancelled.asFlux().take(1)).expectNext(1).expectComplete().verify(VERIFY);
        assertEquals(Sinks.EmitResult.FAIL_CANCELLED, cancelled.tryEmitNext(2));
        assertThrows(SendDisconnectedException.class, () -> legacy.send(3));
        legacy.close();

        ChannelSink<Integer> failing = ChannelSinks.many(8);
        failing.tryEmitNext(1);
        failing.tryEmitError(new IllegalStateException("boom"));
        StepVerifier.create(failing.asFlux()).expectNext(1).expectError(IllegalStateException.class).verify(VERIFY);

        ChannelSink<Integer> multicast = ChannelSinks.multicast(8);
        CompletableFuture<List<Integer>> all = multicast.asFlux().collectList().toFuture();
        CompletableFuture<List<Integer>> first = multicast.asFlux().take(1).collectList().toFuture();
        assertEquals(Sinks.EmitResult.OK, multicast.tryEmitNext(1));
        assertEquals(List.of(1), first.get(10, TimeUnit.SECONDS));   // cancelled after one
        assertEquals(Sinks.EmitResult.OK, multicast.tryEmitNext(2));
        assertEquals(Sinks.EmitResult.OK, multicast.tryEmitComplete());
        assertEquals(List.of(1, 2), all.get(10, TimeUnit.SECONDS));
        assertNoWarnOrError();
    }
}
