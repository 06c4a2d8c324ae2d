package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * No-loss stress: blocking producers through {@code bounded(64)} into Fluxes with
 * {@code publishOn} and random request sizes; with random cancellation and re-subscription on
 * cloned receivers; and with the last receiver cancelled while producers are blocked. Every
 * message a producer sent is accounted for exactly once: received, or discarded (by Reactor's
 * discard hook or the channel's), and every blocked producer is released.
 *
 * <p>Sizes: 4 producers &times; 50 000 messages by default (quick on 2 cores), 4 &times; 250 000
 * with {@code -Dstress=long}.
 */
@Timeout(120)
class ChannelFluxStressTest {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = Await.longStress() ? 250_000 : 50_000;

    /** Messages are {@code producer * PER_PRODUCER + sequence}. */
    private static Producer[] startProducers(Channel<Integer> ch, int perProducer) {
        Producer[] producers = new Producer[PRODUCERS];
        for (int p = 0; p < PRODUCERS; p++) {
            producers[p] = Producer.start("stress-producer-" + p, ch.sender().clone(), p * PER_PRODUCER, perProducer);
        }
        ch.sender().close();                             // only the producers' clones stay open
        return producers;
    }

    @RepeatedTest(2)
    void four_blocking_producers_into_a_publishOn_flux_with_random_requests_lose_nothing() throws Exception {
        Channel<Integer> ch = Channel.bounded(64);
        Producer[] producers = startProducers(ch, PER_PRODUCER);
        Tally tally = new Tally();
        RandomDemand subscriber = new RandomDemand(tally, Long.MAX_VALUE);
        ChannelFlux.from(ch.receiver()).publishOn(Schedulers.parallel(), 32).subscribe(subscriber);

        assertTrue(subscriber.finished.await(100, TimeUnit.SECONDS), "the flux did not complete");
        assertNull(subscriber.error.get());
        for (Producer producer : producers) {
            assertNull(producer.join());
        }
        assertEquals(PRODUCERS * PER_PRODUCER, tally.received());
        tally.assertNoDuplicates();
        tally.assertFifoPerProducer();
    }

    @RepeatedTest(2)
    void random_cancellation_and_resubscription_on_cloned_receivers_lose_nothing() throws Exception {
        int perProducer = PER_PRODUCER / 2;
        Tally tally = new Tally();
        Channel<Integer> ch = Channel.bounded(64, tally::discardedByChannel);
        Receiver<Integer> anchor = ch.receiver();        // keeps the channel open between subscriptions
        Producer[] producers = startProducers(ch, perProducer);

        Thread[] consumers = new Thread[2];
        AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
        for (int c = 0; c < consumers.length; c++) {
            consumers[c] = new Thread(() -> {
                try {
                    boolean completed = false;
                    while (!completed) {                 // subscribe a fresh clone, cancel at random
                        RandomDemand subscriber = new RandomDemand(tally, ThreadLocalRandom.current().nextInt(1, 3_000));
                        ChannelFlux.from(anchor.clone())
                                .publishOn(Schedulers.parallel(), 16)
                                .doOnDiscard(Integer.class, tally::discardedByReactor)
                                .subscribe(subscriber);
                        assertTrue(subscriber.finished.await(100, TimeUnit.SECONDS), "a subscription hung");
                        assertNull(subscriber.error.get());
                        completed = subscriber.completed;
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "resubscriber-" + c);
            consumers[c].start();
        }
        for (Thread consumer : consumers) {
            consumer.join(TimeUnit.SECONDS.toMillis(110));
        }
        assertNull(failure.get());
        for (Producer producer : producers) {
            assertNull(producer.join(), "every producer finished");
        }
        anchor.close();
        // Discards of cancelled subscriptions may still be running on their threads.
        Await.until(() -> "every message received or discarded; " + tally.missing(perProducer),
                () -> tally.accounted() == PRODUCERS * perProducer);
        tally.assertNoDuplicates();
        // Competing consumers interleave: FIFO per producer is checked per subscription instead.
    }

    @RepeatedTest(3)
    void cancelling_the_last_receiver_releases_every_blocked_producer() throws Exception {
        Tally tally = new Tally();
        Channel<Integer> ch = Channel.bounded(8, tally::discardedByChannel);
        Producer[] producers = startProducers(ch, PER_PRODUCER);
        RandomDemand subscriber = new RandomDemand(tally, ThreadLocalRandom.current().nextInt(1, 20_000));
        ChannelFlux.from(ch.receiver())
                .publishOn(Schedulers.parallel(), 16)
                .doOnDiscard(Integer.class, tally::discardedByReactor)
                .subscribe(subscriber);
        assertTrue(subscriber.finished.await(100, TimeUnit.SECONDS));

        int sent = 0;
        for (Producer producer : producers) {
            Throwable failure = producer.join();         // woken from its blocked send
            assertInstanceOf(SendDisconnectedException.class, failure);
            sent += producer.sent();
        }
        // The thread closing the receiver may still be discarding the channel's buffer, and
        // publishOn may still be discarding its queue: accounting completes shortly after.
        int expected = sent;
        Await.until(() -> "every message whose send returned is received or discarded; " + tally.missing(-1),
                () -> tally.accounted() == expected);
        tally.assertNoDuplicates();
        tally.assertFifoPerProducer();
    }

    /**
     * What happened to every message, with exactly-once checks: a message is received at most once,
     * and never both received and discarded. Discards are a set: Reactor's discard hooks may see
     * the same element twice (publishOn discards an element arriving after cancel, and its
     * cancelled drain clears the queue holding it), so they must be idempotent.
     */
    static final class Tally {
        private final BitSet receivedSet = new BitSet();
        private final BitSet discardedSet = new BitSet();
        private final List<String> duplicates = new ArrayList<>();
        private final List<List<Integer>> perProducer = new ArrayList<>();

        Tally() {
            for (int p = 0; p < PRODUCERS; p++) {
                perProducer.add(new ArrayList<>());
            }
        }

        synchronized void received(int m) {
            if (receivedSet.get(m) || discardedSet.get(m)) {   // recorded, not thrown: hooks swallow
                duplicates.add(m + (receivedSet.get(m) ? " received twice" : " discarded, then received"));
            }
            receivedSet.set(m);
            perProducer.get(m / PER_PRODUCER).add(m);
        }

        void discardedByReactor(Object m) {
            discard((Integer) m);
        }

        void discardedByChannel(Integer m) {
            discard(m);
        }

        private synchronized void discard(int m) {
            if (receivedSet.get(m)) {
                duplicates.add(m + " received, then discarded");
            }
            discardedSet.set(m);
        }

        synchronized void assertNoDuplicates() {
            assertTrue(duplicates.isEmpty(), "accounted twice: " + duplicates);
        }

        /** A description of the messages not accounted for (first ones of each producer). */
        synchronized String missing(int perProducer) {
            BitSet seen = (BitSet) receivedSet.clone();
            seen.or(discardedSet);
            StringBuilder sb = new StringBuilder("received " + receivedSet.cardinality() + ", discarded "
                    + discardedSet.cardinality() + ", accounted twice " + duplicates + "; missing:");
            for (int p = 0; p < PRODUCERS; p++) {
                int from = p * PER_PRODUCER;
                int to = perProducer < 0 ? seen.previousSetBit(from + PER_PRODUCER - 1) + 1 : from + perProducer;
                int shown = 0;
                for (int m = seen.nextClearBit(from); m < to && shown < 5; m = seen.nextClearBit(m + 1)) {
                    sb.append(' ').append(m);
                    shown++;
                }
            }
            return sb.toString();
        }

        synchronized int received() {
            return receivedSet.cardinality();
        }

        /** Messages received or discarded, each counted once. */
        synchronized int accounted() {
            BitSet seen = (BitSet) receivedSet.clone();
            seen.or(discardedSet);
            return seen.cardinality();
        }

        /** Messages of one producer were received in the order it sent them. */
        synchronized void assertFifoPerProducer() {
            for (List<Integer> messages : perProducer) {
                for (int i = 1; i < messages.size(); i++) {
                    assertTrue(messages.get(i - 1) < messages.get(i), "out of order: " + messages.get(i));
                }
            }
        }
    }

    /**
     * Requests random amounts (1..64) whenever its demand runs out; cancels after {@code limit}.
     * Checks that each producer's messages arrive in the order they were sent (a receiver sees a
     * subsequence of the channel's FIFO order).
     */
    static final class RandomDemand extends BaseSubscriber<Integer> {
        final CountDownLatch finished = new CountDownLatch(1);
        final AtomicReference<@Nullable Throwable> error = new AtomicReference<>();
        private final Tally tally;
        private final long limit;
        private final int[] lastPerProducer = new int[PRODUCERS];
        private long outstanding;
        private long count;
        volatile boolean completed;

        RandomDemand(Tally tally, long limit) {
            this.tally = tally;
            this.limit = limit;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            Arrays.fill(lastPerProducer, -1);
            more();
        }

        @Override
        protected void hookOnNext(Integer m) {
            tally.received(m);
            int producer = m / PER_PRODUCER;
            if (m <= lastPerProducer[producer]) {
                error.compareAndSet(null, new AssertionError("out of order: " + m + " after " + lastPerProducer[producer]));
            }
            lastPerProducer[producer] = m;
            if (++count >= limit) {
                cancel();
                finished.countDown();
                return;
            }
            if (--outstanding == 0) {
                more();
            }
        }

        private void more() {
            outstanding = ThreadLocalRandom.current().nextInt(1, 65);
            request(outstanding);
        }

        @Override
        protected void hookOnComplete() {
            completed = true;
            finished.countDown();
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error.set(throwable);
            finished.countDown();
        }
    }
}
