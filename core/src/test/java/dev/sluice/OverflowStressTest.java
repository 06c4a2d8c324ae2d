package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 4 producers meet a slow consumer on a bounded(16) channel, per policy: every message is
 * received once or discarded once (received + discarded = sent, exactly, and no message twice),
 * each producer's survivors arrive in order, len() never exceeds the capacity, and the counters
 * agree. 4 x 10 000 messages quick, 4 x 250 000 with {@code -Pstress}.
 */
class OverflowStressTest {
    private static final int PRODUCERS = 4;
    private static final int PER_PRODUCER = StressSupport.scaled(10_000);
    private static final int CAPACITY = 16;

    @ParameterizedTest
    @EnumSource(OverflowPolicy.class)
    @Timeout(120)
    void producers_meet_a_slow_consumer(OverflowPolicy policy) throws Exception {
        ConcurrentLinkedQueue<Integer> discarded = new ConcurrentLinkedQueue<>();
        Channel<Integer> ch = Channel.<Integer>builder().capacity(CAPACITY).overflow(policy)
                .onDiscard(discarded::add).build();
        CountDownLatch start = new CountDownLatch(1);
        List<TestSupport.Spawned<Void>> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            Sender<Integer> tx = ch.sender().clone();
            int base = p * PER_PRODUCER;
            producers.add(TestSupport.run("producer-" + p, () -> {
                try (tx) {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < PER_PRODUCER; i++) {
                        tx.send(base + i);
                    }
                }
            }));
        }
        ch.sender().close();
        start.countDown();

        BitSet seen = new BitSet(PRODUCERS * PER_PRODUCER);
        int[] last = new int[PRODUCERS];
        java.util.Arrays.fill(last, -1);
        long received = 0;
        long sink = 0;
        Receiver<Integer> rx = ch.receiver();
        for (;;) {
            assertTrue(rx.len() <= CAPACITY, "len() above capacity");
            RecvTimeoutResult<Integer> r = rx.recvTimeout(StressSupport.PATIENCE);
            if (r.isDisconnected()) {
                break;
            }
            assertTrue(r.isValue(), "consumer starved: " + r);
            int m = r.value();
            assertFalse(seen.get(m), "received twice: " + m);
            seen.set(m);
            int p = m / PER_PRODUCER;
            assertTrue(m > last[p], "FIFO per producer among survivors");
            last[p] = m;
            received++;
            for (int k = 0; k < 200; k++) {          // the slow consumer: a little work per message
                sink += (sink * 31) ^ k;
            }
        }
        for (TestSupport.Spawned<Void> producer : producers) {
            producer.get();
        }
        for (int m : discarded) {
            assertFalse(seen.get(m), "received and discarded: " + m);
            seen.set(m);
        }
        long total = (long) PRODUCERS * PER_PRODUCER;
        assertEquals(total, received + discarded.size(), "received + discarded = sent (sink " + sink + ")");
        assertEquals(total, seen.cardinality());

        ChannelStats stats = rx.stats();
        assertEquals(received, stats.received());
        assertEquals(discarded.size(), stats.dropped());
        assertEquals(0, stats.buffered());
        switch (policy) {
            case BLOCK:
                assertEquals(0, discarded.size());
                assertEquals(total, stats.sent());
                break;
            case DROP_NEWEST:
                assertEquals(discarded.size(), stats.dropped(ChannelStats.DropReason.NEWEST));
                assertEquals(received, stats.sent(), "rejected messages are not sent");
                break;
            default:
                assertEquals(discarded.size(), stats.dropped(ChannelStats.DropReason.OLDEST));
                assertEquals(total, stats.sent());
                break;
        }
        assertEquals(0, stats.sendersWaiting());
        rx.close();
    }
}
