package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Sender#watchSendable(int, Runnable)}: a send watch that waits for a number of free slots. */
@Timeout(60)
class RoomThresholdWatchTest {

    private static Channel<Integer> full(int capacity) {
        Channel<Integer> ch = Channel.bounded(capacity);
        for (int i = 0; i < capacity; i++) {
            assertEquals(TrySendResult.OK, ch.sender().trySend(i));
        }
        return ch;
    }

    @Test
    @DisplayName("fires at once when the channel already has at least minFree free slots")
    void fires_at_once_when_room_is_there() {
        Channel<Integer> ch = Channel.bounded(8);
        ch.sender().trySend(1);
        AtomicInteger fired = new AtomicInteger();
        ch.sender().watchSendable(7, fired::incrementAndGet);
        assertEquals(1, fired.get());
    }

    @Test
    @DisplayName("waits while fewer than minFree slots are free and fires on the receive that frees the last one")
    void waits_until_receives_free_enough_room() {
        Channel<Integer> ch = full(16);
        AtomicInteger fired = new AtomicInteger();
        ch.sender().watchSendable(12, fired::incrementAndGet);
        for (int i = 0; i < 11; i++) {
            assertEquals(Integer.valueOf(i), ch.receiver().poll());
            assertEquals(0, fired.get(), "after " + (i + 1) + " receives");
        }
        ch.sender().trySend(99);                           // a send takes room back: 10 free
        ch.receiver().poll();
        assertEquals(0, fired.get(), "11 free");
        ch.receiver().poll();
        assertEquals(1, fired.get(), "12 free");
        ch.receiver().poll();
        assertEquals(1, fired.get(), "one-shot");
    }

    @Test
    @DisplayName("a rearmed threshold watch waits for the same amount of room again")
    void rearm_keeps_the_threshold() {
        Channel<Integer> ch = full(4);
        AtomicInteger fired = new AtomicInteger();
        Watch w = ch.sender().watchSendable(3, fired::incrementAndGet);
        for (int i = 0; i < 3; i++) {
            ch.receiver().poll();
        }
        assertEquals(1, fired.get());
        for (int i = 0; i < 3; i++) {
            ch.sender().trySend(i);
        }
        assertTrue(w.rearm());
        ch.receiver().poll();
        ch.receiver().poll();
        assertEquals(1, fired.get(), "2 free of 3 needed");
        ch.receiver().poll();
        assertEquals(2, fired.get());
    }

    @Test
    @DisplayName("minFree above the capacity means an empty buffer")
    void min_free_is_capped_at_capacity() {
        Channel<Integer> ch = full(2);
        AtomicInteger fired = new AtomicInteger();
        ch.sender().watchSendable(100, fired::incrementAndGet);
        ch.receiver().poll();
        assertEquals(0, fired.get());
        ch.receiver().poll();
        assertEquals(1, fired.get());
    }

    @Test
    @DisplayName("fires when the channel is disconnected, whatever the room")
    void fires_on_disconnect() {
        Channel<Integer> ch = full(8);
        AtomicInteger fired = new AtomicInteger();
        ch.sender().watchSendable(8, fired::incrementAndGet);
        ch.receiver().poll();
        assertEquals(0, fired.get());
        ch.receiver().close();
        assertEquals(1, fired.get());
    }

    @Test
    @DisplayName("a cancelled threshold watch never fires")
    void cancel_prevents_firing() {
        Channel<Integer> ch = full(8);
        AtomicInteger fired = new AtomicInteger();
        Watch w = ch.sender().watchSendable(4, fired::incrementAndGet);
        ch.receiver().poll();                              // a notification that skipped the watch
        assertTrue(w.cancel());
        for (int i = 0; i < 7; i++) {
            ch.receiver().poll();
        }
        ch.receiver().close();
        assertEquals(0, fired.get());
        assertFalse(w.rearm(), "cancelled, not fired");
    }

    @Test
    @DisplayName("unbounded and dropping channels always have room; a rendezvous accepts minFree 1 only")
    void flavors_without_slots() {
        AtomicInteger fired = new AtomicInteger();
        Channel.<Integer>unbounded().sender().watchSendable(1000, fired::incrementAndGet);
        assertEquals(1, fired.get());
        Channel<Integer> dropping = Channel.<Integer>builder().capacity(2).overflow(OverflowPolicy.DROP_OLDEST).build();
        dropping.sender().trySend(1);
        dropping.sender().trySend(2);
        dropping.sender().watchSendable(2, fired::incrementAndGet);
        assertEquals(2, fired.get());
        Channel<Integer> zero = Channel.rendezvous();
        assertThrows(IllegalArgumentException.class, () -> zero.sender().watchSendable(2, fired::incrementAndGet));
        zero.sender().watchSendable(1, fired::incrementAndGet);
        assertEquals(2, fired.get(), "no receiver waits");
        zero.receiver().recvAsync();
        assertEquals(3, fired.get());
        assertThrows(IllegalArgumentException.class, () -> Channel.bounded(4).sender().watchSendable(0, () -> { }));
    }

    @Test
    @DisplayName("stress: a watch registered while another thread receives never misses its threshold")
    void no_lost_wake_up_under_concurrent_receives() throws Exception {
        int capacity = 8;
        int minFree = 6;
        Channel<Integer> ch = Channel.bounded(capacity);
        CyclicBarrier start = new CyclicBarrier(2);
        for (int round = 0; round < 400; round++) {
            for (int i = 0; i < capacity; i++) {
                assertEquals(TrySendResult.OK, ch.sender().trySend(i));
            }
            CountDownLatch fired = new CountDownLatch(1);
            Thread consumer = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    for (int i = 0; i < capacity; i++) {
                        ch.receiver().poll();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            consumer.start();
            start.await(10, TimeUnit.SECONDS);
            ch.sender().watchSendable(minFree, fired::countDown);
            assertTrue(fired.await(10, TimeUnit.SECONDS), "round " + round + ": the receives freed the room, no wake-up");
            consumer.join(10_000);
            assertTrue(ch.receiver().isEmpty());
        }
    }
}
