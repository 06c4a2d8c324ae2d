package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The counters of {@link ChannelStats}, per flavor, after known workloads. */
@Timeout(20)
class ChannelStatsTest {

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void sent_and_received_follow_a_known_workload(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        ChannelStats stats = ch.sender().stats();
        assertSame(stats, ch.receiver().stats());
        int n = 100;
        TestSupport.Spawned<Void> rx = TestSupport.run("rx", () -> {
            for (int i = 0; i < n; i++) {
                ch.receiver().recv();
            }
        });
        for (int i = 0; i < n; i++) {
            ch.sender().send(i);
        }
        rx.get();
        assertEquals(n, stats.sent());
        assertEquals(n, stats.received());
        assertEquals(0, stats.buffered());
        assertEquals(0, stats.dropped());
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void counts_survive_many_laps_and_blocks(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        for (int i = 0; i < 1000; i++) {
            ch.sender().trySend(i);
            if (i % 2 == 1) {
                ch.receiver().tryRecv();
                ch.receiver().tryRecv();
            }
        }
        ChannelStats stats = ch.sender().stats();
        assertEquals(1000, stats.sent());
        assertEquals(1000, stats.received());
        ch.sender().trySend(1);
        ch.sender().trySend(2);
        assertEquals(1002, stats.sent());
        assertEquals(2, stats.buffered());
        ch.receiver().close();
        assertEquals(2, stats.dropped(ChannelStats.DropReason.CLOSED));
        assertEquals(1000, stats.received(), "close-time discards are not received");
    }

    @Test
    void blocked_sender_is_waiting_and_its_blocked_time_counted() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        ChannelStats stats = ch.sender().stats();
        ch.sender().send(0);
        assertEquals(0, stats.sendersWaiting());
        TestSupport.Spawned<Void> tx = TestSupport.run("tx", () -> ch.sender().send(1));
        TestSupport.awaitParked(tx.thread);
        awaitEquals(1, stats::sendersWaiting);
        assertEquals(0, ch.receiver().recv());
        tx.get();
        assertEquals(0, stats.sendersWaiting());
        assertTrue(stats.sendBlockedCount() >= 1);
        assertTrue(stats.sendBlockedTime(TimeUnit.NANOSECONDS) > 0);
        assertEquals("bounded", stats.flavor());
        assertEquals(1, stats.capacity().getAsInt());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void waiting_receivers_are_counted_blocked_and_async(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        ChannelStats stats = ch.receiver().stats();
        TestSupport.Spawned<Integer> rx = TestSupport.spawn("rx", () -> ch.receiver().recv());
        TestSupport.awaitParked(rx.thread);
        CompletableFuture<Integer> async = ch.receiver().clone().recvAsync();
        awaitEquals(2, stats::receiversWaiting);
        ch.sender().sendTimeout(1, Duration.ofSeconds(10));
        ch.sender().sendTimeout(2, Duration.ofSeconds(10));
        int a = rx.get();
        int b = async.get(10, TimeUnit.SECONDS);
        assertEquals(3, a + b);
        assertEquals(0, stats.receiversWaiting());
    }

    @Test
    void rendezvous_sender_waiting_and_blocked_time() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        ChannelStats stats = ch.sender().stats();
        TestSupport.Spawned<Void> tx = TestSupport.run("tx", () -> ch.sender().send(1));
        TestSupport.awaitParked(tx.thread);
        awaitEquals(1, stats::sendersWaiting);
        assertEquals(1, ch.receiver().recv());
        tx.get();
        assertEquals(1, stats.sent());
        assertEquals(1, stats.received());
        assertTrue(stats.sendBlockedCount() >= 1);
        assertEquals("rendezvous", stats.flavor());
    }

    /** Polls a snapshot until it shows {@code expected}, within a bound (registration races the park). */
    private static void awaitEquals(int expected, java.util.function.IntSupplier actual) {
        long deadline = System.nanoTime() + TestSupport.WAIT.toNanos();
        while (actual.getAsInt() != expected) {
            if (System.nanoTime() - deadline > 0) {
                assertEquals(expected, actual.getAsInt());
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
