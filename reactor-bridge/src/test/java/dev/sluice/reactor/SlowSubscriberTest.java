package dev.sluice.reactor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A fast blocking producer and a subscriber that takes about 1 &micro;s per item (busy-waiting on
 * {@code System.nanoTime}): the items in flight never exceed the channel's capacity plus the
 * subscriber's prefetch, and the producer waits parked, not spinning.
 *
 * <p>100 000 messages by default, 1 000 000 with {@code -Dstress=long}. Halfway, the subscriber
 * stops requesting: the channel fills up and the producer must be seen parked (WAITING), not
 * spinning, until demand resumes. The producer's CPU time against wall time and its park count
 * are reported, not asserted (no timing thresholds): while the subscriber only lags by a few
 * microseconds, core's bounded spin-then-yield backoff usually bridges the gap without parking.
 */
@Timeout(120)
class SlowSubscriberTest {
    private static final int MESSAGES = Await.longStress() ? 1_000_000 : 100_000;
    private static final int CAPACITY = 64;
    private static final int PREFETCH = 32;

    @Test
    void items_in_flight_stay_within_capacity_plus_prefetch_and_the_producer_parks() throws Exception {
        Channel<Integer> ch = Channel.bounded(CAPACITY);
        AtomicInteger sent = new AtomicInteger();
        AtomicReference<@Nullable Throwable> producerFailure = new AtomicReference<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] producerCpuAndParks = {-1, -1};
        Thread producer = new Thread(() -> {
            try (var tx = ch.sender()) {
                for (int i = 0; i < MESSAGES; i++) {
                    tx.send(i);
                    sent.incrementAndGet();              // after send returned: the item is in flight
                }
            } catch (Throwable t) {
                producerFailure.set(t);
            } finally {                                  // measured by the thread itself, while alive
                producerCpuAndParks[0] = threads.isCurrentThreadCpuTimeSupported()
                        ? threads.getCurrentThreadCpuTime() : -1;
                producerCpuAndParks[1] = threads.getThreadInfo(Thread.currentThread().getId()).getWaitedCount();
            }
        }, "fast-producer");

        Slow subscriber = new Slow(sent, producer);
        Scheduler consumerThread = Schedulers.newSingle("slow-subscriber");
        try {
            ChannelFlux.from(ch.receiver()).publishOn(consumerThread, PREFETCH).subscribe(subscriber);
            long wallStart = System.nanoTime();
            producer.start();
            // Halfway the subscriber stops requesting: the channel fills and the producer must park.
            assertTrue(subscriber.halfway.await(100, TimeUnit.SECONDS), "the subscriber did not get halfway");
            Await.parked(producer);
            assertEquals(CAPACITY, ch.receiver().len(), "a full channel holds the producer back");
            subscriber.request(MESSAGES - MESSAGES / 2);
            assertTrue(subscriber.done.await(100, TimeUnit.SECONDS), "the subscriber did not complete");
            long wall = System.nanoTime() - wallStart;
            producer.join(Await.TIMEOUT.toMillis());
            long producerCpu = producerCpuAndParks[0];
            long producerParks = producerCpuAndParks[1];

            assertNull(producerFailure.get());
            assertNull(subscriber.error);
            assertEquals(MESSAGES, subscriber.consumed);
            // In flight = sent and not yet consumed. Sent and not taken: in the channel, at most
            // CAPACITY. Taken and not consumed: at most what publishOn requested beyond what it
            // consumed, PREFETCH (it replenishes only after onNext returned), the item being
            // processed included.
            int bound = CAPACITY + PREFETCH;
            assertTrue(subscriber.maxInFlight <= bound, "in flight " + subscriber.maxInFlight + " > " + bound);
            System.out.printf("SlowSubscriberTest: %d messages in %.1f ms; max in flight %d (bound %d);"
                            + " producer parked %d times, seen parked in %d of %d samples;"
                            + " producer CPU %s of wall time%n",
                    MESSAGES, wall / 1e6, subscriber.maxInFlight, bound, producerParks, subscriber.parkedSamples,
                    subscriber.samples, producerCpu < 0 ? "n/a" : String.format("%.0f%%", 100.0 * producerCpu / wall));
            assertTrue(producerParks > 0, "the producer never parked");
        } finally {
            consumerThread.dispose();
        }
    }

    /**
     * Spends ~1 µs per item, measures the items in flight, samples the producer's state; requests
     * half the messages, then waits for the test to request the rest.
     */
    static final class Slow extends BaseSubscriber<Integer> {
        final CountDownLatch halfway = new CountDownLatch(1);
        final CountDownLatch done = new CountDownLatch(1);
        private final AtomicInteger sent;
        private final Thread producer;
        volatile @Nullable Throwable error;
        int consumed;
        int maxInFlight;
        int samples;
        int parkedSamples;

        Slow(AtomicInteger sent, Thread producer) {
            this.sent = sent;
            this.producer = producer;
        }

        @Override
        protected void hookOnNext(Integer value) {
            int inFlight = sent.get() - consumed;        // this item is counted until consumed++
            if (inFlight > maxInFlight) {
                maxInFlight = inFlight;
            }
            long until = System.nanoTime() + 1_000;
            while (System.nanoTime() < until) {
                // busy: about 1 µs of work per item
            }
            if ((consumed & 1023) == 0) {
                samples++;
                Thread.State state = producer.getState();
                if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING) {
                    parkedSamples++;
                }
            }
            consumed++;
            if (consumed == MESSAGES / 2) {
                halfway.countDown();
            }
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            subscription.request(MESSAGES / 2);
        }

        @Override
        protected void hookOnError(Throwable throwable) {
            error = throwable;
            done.countDown();
        }

        @Override
        protected void hookOnComplete() {
            done.countDown();
        }
    }
}
