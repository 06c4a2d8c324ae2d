package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.BlockingGuard;
import dev.sluice.Channel;
import dev.sluice.Sender;
import dev.sluice.Receiver;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks.EmitResult;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound is active for this module's tests, the event-loop guard makes blocking channel calls
 * fail fast on Reactor's non-blocking threads, and the adapters run on those threads without a
 * single blocking call. That the first use of the bridge installs the guard is proved in a fresh
 * JVM by {@link GuardFirstUseTest} (this JVM's guard state depends on the tests that ran before).
 */
@Timeout(60)
class BlockHoundTest {

    @Test
    void blockhound_is_installed_and_catches_a_sleep_on_a_parallel_thread() {
        StepVerifier.create(Mono.fromRunnable(() -> {
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertInstanceOf(BlockingOperationError.class, e))
                .verify(Await.TIMEOUT);
    }

    @Test
    void the_guard_makes_recv_send_and_iteration_fail_fast_on_a_parallel_thread() {
        ReactorBlockingGuard.install();
        Channel<Integer> ch = Channel.bounded(1);
        Receiver<Integer> rx = ch.receiver();
        StepVerifier.create(Mono.fromCallable(rx::recv).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("recv() would block the thread parallel-"), e.getMessage());
                })
                .verify(Await.TIMEOUT);
        StepVerifier.create(Mono.fromRunnable(() -> {
                    try {
                        ch.sender().send(1);
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }).subscribeOn(Schedulers.single()))
                .expectError(IllegalStateException.class)
                .verify(Await.TIMEOUT);
        StepVerifier.create(Flux.fromIterable(rx).subscribeOn(Schedulers.parallel()))
                .expectError(IllegalStateException.class)
                .verify(Await.TIMEOUT);
        // Where blocking belongs, the same call works.
        ch.sender().trySend(7);
        StepVerifier.create(Mono.fromCallable(rx::recv).subscribeOn(Schedulers.boundedElastic()))
                .expectNext(7)
                .expectComplete()
                .verify(Await.TIMEOUT);
    }

    @Test
    void uninstall_removes_only_this_guard() {
        try {
            ReactorBlockingGuard.uninstall();
            assertEquals(null, BlockingGuard.installed());
            BlockingGuard.install(t -> false);
            ReactorBlockingGuard.uninstall();
            assertTrue(BlockingGuard.installed() != null, "a foreign guard is left in place");
        } finally {
            ReactorBlockingGuard.install();
        }
    }

    @Test
    void every_adapter_runs_on_parallel_threads_without_a_blocking_call() throws InterruptedException {
        List<Integer> expected = IntStream.range(0, 2_000).boxed().collect(Collectors.toList());
        for (int capacity : new int[] {0, 1, 16, Integer.MAX_VALUE}) {
            // Receiver -> Flux, requested from a parallel thread, fed by a non-blocking source.
            Channel<Integer> ch = capacity == Integer.MAX_VALUE ? Channel.unbounded() : Channel.bounded(capacity);
            Sender<Integer> tx = ch.sender();
            ChannelFlux.into(Flux.range(0, 2_000).publishOn(Schedulers.parallel(), 8), tx)
                    .doFinally(signal -> tx.close())
                    .subscribeOn(Schedulers.parallel())
                    .subscribe();
            StepVerifier.create(ChannelFlux.from(ch.receiver())
                            .subscribeOn(Schedulers.parallel())
                            .publishOn(Schedulers.parallel(), 4))
                    .expectNextSequence(expected)
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));

            // Sinks, emitted from parallel threads.
            ChannelSink<Integer> sink = ChannelSinks.many(capacity);
            StepVerifier verifier = StepVerifier.create(sink.asFlux().publishOn(Schedulers.parallel(), 4))
                    .expectNextSequence(expected)
                    .expectComplete()
                    .verifyLater();
            Flux.range(0, 2_000)
                    .publishOn(Schedulers.parallel())
                    .concatMap(i -> Mono.fromCallable(() -> sink.tryEmitNext(i))
                            .filter(EmitResult::isSuccess)           // full: retry a bit later
                            .repeatWhenEmpty(retries -> retries.delayElements(Duration.ofMillis(1))))
                    .then(Mono.fromCallable(sink::tryEmitComplete))
                    .block(Duration.ofSeconds(30));
            verifier.verify(Duration.ofSeconds(30));

            // Publisher -> Receiver, the source on parallel threads, a blocking consumer here.
            Receiver<Integer> rx = ChannelFlux.toReceiver(
                    Flux.range(0, 2_000).publishOn(Schedulers.parallel(), 8), capacity);
            assertEquals(expected, rx.stream().collect(Collectors.toList()));
        }
    }

    @Test
    void the_integration_names_real_core_methods() throws ClassNotFoundException {
        String[][] named = Arrays.copyOf(SluiceBlockHoundIntegration.ALLOWED,
                SluiceBlockHoundIntegration.ALLOWED.length + 1);
        named[named.length - 1] = SluiceBlockHoundIntegration.CALLBACK;
        for (String[] entry : named) {
            Class<?> type = Class.forName(entry[0]);
            boolean found = false;
            for (Method m : type.getDeclaredMethods()) {
                found |= m.getName().equals(entry[1]);
            }
            assertTrue(found, "core has no method " + entry[0] + "." + entry[1]
                    + ": update SluiceBlockHoundIntegration");
        }
    }
}
