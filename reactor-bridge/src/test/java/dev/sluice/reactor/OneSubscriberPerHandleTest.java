package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * One subscriber per Receiver handle, whatever Flux object it came through: a second
 * {@code ChannelFlux.from(rx)} over the same handle is refused at subscribe time with
 * {@link IllegalStateException}, and the first subscription keeps its handle and its messages.
 */
@Timeout(30)
class OneSubscriberPerHandleTest {
    private static final Duration VERIFY = Duration.ofSeconds(10);

    /** Records what it gets; requests nothing until told. */
    static final class Recording extends BaseSubscriber<Integer> {
        final List<Integer> values = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> error = new AtomicReference<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // no demand yet
        }

        @Override
        protected void hookOnNext(Integer value) {
            values.add(value);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
            done.complete(null);
        }

        @Override
        protected void hookOnComplete() {
            done.complete(null);
        }
    }

    @Test
    @DisplayName("a second Flux over the same handle is refused with IllegalStateException; the first keeps the handle and its messages")
    void a_second_flux_over_the_same_handle_is_refused_and_the_first_is_untouched() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        Receiver<Integer> rx = ch.receiver();
        Recording first = new Recording();
        ChannelFlux.from(rx).subscribe(first);

        Flux<Integer> second = ChannelFlux.from(rx);             // another Flux object, same handle
        StepVerifier.create(second)
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("receiver.clone()"), e.getMessage());
                })
                .verify(VERIFY);
        StepVerifier.create(second.take(1))                      // cancelling a refused one changes nothing
                .expectError(IllegalStateException.class)
                .verify(VERIFY);

        assertFalse(rx.isClosed(), "the refused subscribers must not close the first one's handle");
        Sender<Integer> tx = ch.sender();
        tx.send(1);
        tx.send(2);
        first.request(2);
        assertEquals(List.of(1, 2), first.values);
        tx.close();
        first.request(1);
        first.done.get(10, TimeUnit.SECONDS);
        assertNull(first.error.get(), "the first subscription ends normally");
    }

    @Test
    @DisplayName("after the first subscription ended, another Flux over the handle is refused because it is closed")
    void after_the_first_subscription_the_handle_is_closed_for_any_flux() {
        Channel<Integer> ch = Channel.bounded(8);
        Receiver<Integer> rx = ch.receiver();
        ch.sender().close();
        StepVerifier.create(ChannelFlux.from(rx)).expectComplete().verify(VERIFY);
        StepVerifier.create(ChannelFlux.from(rx))
                .expectErrorSatisfies(e -> {
                    assertInstanceOf(IllegalStateException.class, e);
                    assertTrue(e.getMessage().contains("closed"), e.getMessage());
                })
                .verify(VERIFY);
    }

    @Test
    @DisplayName("clones are distinct handles: a Flux per clone competes for messages")
    void clones_are_separate_handles() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(8);
        Receiver<Integer> rx = ch.receiver();
        Receiver<Integer> clone = rx.clone();
        Recording a = new Recording();
        Recording b = new Recording();
        ChannelFlux.from(rx).subscribe(a);
        ChannelFlux.from(clone).subscribe(b);
        assertNull(a.error.get());
        assertNull(b.error.get());
        ch.sender().send(1);
        ch.sender().send(2);
        a.request(1);
        b.request(1);
        assertEquals(2, a.values.size() + b.values.size());
        a.cancel();
        b.cancel();
    }

    @RepeatedTest(100)
    @DisplayName("two Flux objects subscribing to one handle at once: exactly one wins, the loser never disturbs it")
    void concurrent_subscribers_over_one_handle_exactly_one_wins() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        Recording[] subs = {new Recording(), new Recording()};
        CyclicBarrier start = new CyclicBarrier(2);
        Thread[] threads = new Thread[2];
        for (int i = 0; i < 2; i++) {
            Recording s = subs[i];
            Flux<Integer> flux = ChannelFlux.from(rx);
            threads[i] = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                flux.subscribe(s);
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
            assertFalse(t.isAlive());
        }
        int refused = 0;
        Recording winner = null;
        for (Recording s : subs) {
            if (s.error.get() != null) {
                assertInstanceOf(IllegalStateException.class, s.error.get());
                refused++;
            } else {
                winner = s;
            }
        }
        assertEquals(1, refused, "exactly one subscriber is refused");
        assertFalse(rx.isClosed());
        ch.sender().send(7);
        winner.request(1);
        assertEquals(List.of(7), winner.values);
        winner.cancel();
        assertTrue(rx.isClosed(), "the winner's end closes the handle");
    }
}
