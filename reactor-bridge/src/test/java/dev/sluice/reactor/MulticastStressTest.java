package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Sinks.EmitResult;

/**
 * Multicast stress: one blocking producer on {@code newSender()} of {@code ChannelSinks.multicast(8)},
 * four subscribers of different speeds, each driven by its own thread that requests random batches
 * (1..max, a different max each) after a random amount of busy work; one of them cancels midway.
 *
 * <p>Checked, without any timing threshold: every subscriber sees every element exactly once and
 * in order (the one that cancels: an exact prefix), after every send the producer is at most
 * {@code capacity + prefetch + 1} elements ahead of the slowest subscriber still counting (the
 * channel, the fan-out stage's queue, and the one element being handed out), and at every
 * {@code onNext} a subscriber is at most {@code capacity + prefetch + (its own last request)}
 * ahead of the slowest other one.
 *
 * <p>Sizes: 20 000 elements, 2 repetitions by default; {@code -Dstress=long} 200 000;
 * {@code -Dmulticast.rounds=N} repeats each repetition N times (used to run it a few hundred times).
 */
@Timeout(300)
class MulticastStressTest {
    private static final int CAPACITY = 8;
    private static final int PREFETCH = MulticastFlux.PREFETCH;
    private static final int ELEMENTS = Integer.getInteger("multicast.elements", Await.longStress() ? 200_000 : 20_000);
    private static final int ROUNDS = Integer.getInteger("multicast.rounds", 1);
    private static final long WAIT_SECONDS = 60;

    /** A subscriber whose thread requests random batches; it checks order and how far it runs ahead of the others. */
    static final class Paced extends BaseSubscriber<Integer> {
        final String name;
        final int maxRequest;
        final int work;
        final long cancelAfter;
        final Paced[] all;
        final AtomicReference<@Nullable String> failure;
        final Semaphore batchDone = new Semaphore(0);
        final AtomicLong outstanding = new AtomicLong();
        volatile long received;
        volatile long lastRequest;
        volatile boolean counting = true;
        volatile boolean finished;
        Thread thread;

        Paced(String name, int maxRequest, int work, long cancelAfter, Paced[] all,
                AtomicReference<@Nullable String> failure) {
            this.name = name;
            this.maxRequest = maxRequest;
            this.work = work;
            this.cancelAfter = cancelAfter;
            this.all = all;
            this.failure = failure;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // the thread requests
        }

        @Override
        protected void hookOnNext(Integer value) {
            long index = received;
            if (value != index) {
                failure.compareAndSet(null, name + " got " + value + " at index " + index);
            }
            received = index + 1;
            long slowestOther = Long.MAX_VALUE;
            for (Paced other : all) {
                if (other != this && other.counting) {
                    slowestOther = Math.min(slowestOther, other.received);
                }
            }
            long lead = received - slowestOther;
            if (slowestOther != Long.MAX_VALUE && lead > CAPACITY + PREFETCH + lastRequest) {
                failure.compareAndSet(null, name + " is " + lead + " ahead of the slowest other subscriber");
            }
            if (outstanding.decrementAndGet() == 0) {
                batchDone.release();
            }
        }

        @Override
        protected void hookOnComplete() {
            finished = true;
            batchDone.release();
        }

        @Override
        protected void hookOnError(Throwable e) {
            failure.compareAndSet(null, name + " failed: " + e);
            finished = true;
            batchDone.release();
        }

        void start() {
            thread = new Thread(this::drive, "multicast-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        private void drive() {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try {
                while (!finished) {
                    if (received >= cancelAfter) {
                        counting = false;                    // before cancel: it stops counting now
                        cancel();
                        return;
                    }
                    long n = 1 + random.nextInt(maxRequest);
                    lastRequest = n;
                    outstanding.set(n);
                    request(n);
                    if (!batchDone.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                        failure.compareAndSet(null, name + " waited " + WAIT_SECONDS + " s for its batch");
                        return;
                    }
                    busyWork(random.nextInt(work + 1));
                }
            } catch (InterruptedException e) {
                failure.compareAndSet(null, name + " interrupted");
            } finally {
                counting = false;
            }
        }

        private static void busyWork(int iterations) {
            for (int i = 0; i < iterations; i++) {
                Thread.onSpinWait();
            }
        }
    }

    @RepeatedTest(2)
    void four_subscribers_of_different_speeds_each_see_every_element_paced_by_the_slowest() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            oneRound();
        }
    }

    private static void oneRound() throws Exception {
        ChannelSink<Integer> sink = ChannelSinks.multicast(CAPACITY);
        AtomicReference<@Nullable String> failure = new AtomicReference<>();
        Paced[] subscribers = new Paced[4];
        subscribers[0] = new Paced("fast", 64, 0, Long.MAX_VALUE, subscribers, failure);
        subscribers[1] = new Paced("medium", 16, 200, Long.MAX_VALUE, subscribers, failure);
        subscribers[2] = new Paced("slow", 3, 2_000, Long.MAX_VALUE, subscribers, failure);
        subscribers[3] = new Paced("quitter", 8, 500, ELEMENTS / 2, subscribers, failure);
        for (Paced s : subscribers) {
            sink.asFlux().subscribe(s);
        }
        assertEquals(4, sink.currentSubscriberCount());

        AtomicLong sent = new AtomicLong();
        Thread producer = new Thread(() -> {
            try (var tx = sink.newSender()) {
                for (int i = 0; i < ELEMENTS && failure.get() == null; i++) {
                    tx.send(i);
                    long ahead = sent.incrementAndGet();     // read before the subscribers' counts
                    long slowest = Long.MAX_VALUE;
                    for (Paced s : subscribers) {
                        if (s.counting) {
                            slowest = Math.min(slowest, s.received);
                        }
                    }
                    if (slowest != Long.MAX_VALUE && ahead - slowest > CAPACITY + PREFETCH + 1) {
                        failure.compareAndSet(null, "the producer is " + (ahead - slowest) + " ahead of the slowest");
                    }
                }
            } catch (Throwable e) {
                failure.compareAndSet(null, "producer failed: " + e);
            }
        }, "multicast-producer");
        producer.setDaemon(true);
        for (Paced s : subscribers) {
            s.start();
        }
        producer.start();

        producer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        assertTrue(!producer.isAlive() || failure.get() != null, "the producer did not finish");
        assertNull(failure.get());
        assertEquals(EmitResult.OK, sink.tryEmitComplete());
        for (Paced s : subscribers) {
            s.thread.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
            assertTrue(!s.thread.isAlive(), s.name + " did not finish");
        }
        assertNull(failure.get());
        for (int i = 0; i < 3; i++) {
            assertTrue(subscribers[i].finished, subscribers[i].name + " did not complete");
            assertEquals(ELEMENTS, subscribers[i].received, subscribers[i].name);
        }
        Paced quitter = subscribers[3];
        assertTrue(quitter.received >= ELEMENTS / 2 && quitter.received < ELEMENTS,
                "the quitter cancelled midway after " + quitter.received);
        assertEquals(0, sink.currentSubscriberCount());
    }
}
