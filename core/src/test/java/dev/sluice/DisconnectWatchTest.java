package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The "other side is gone" watches ({@link Sender#watchDisconnected}, {@link Receiver#watchDisconnected}),
 * the accessors that tell why ({@link Sender#isClosedForSending()}, {@link Sender#hasReceivers()},
 * {@code closeCause()}), and {@link Receiver#poll()}.
 */
@Timeout(30)
class DisconnectWatchTest {

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void sender_watch_fires_once_when_the_last_receiver_closes(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> second = ch.receiver().clone();
        AtomicInteger fired = new AtomicInteger();
        ch.sender().watchDisconnected(fired::incrementAndGet);
        ch.receiver().close();
        assertEquals(0, fired.get(), "a clone is still open");
        second.close();
        assertEquals(1, fired.get(), "fired on the closing thread");
        assertFalse(ch.sender().hasReceivers());
        assertFalse(ch.sender().isClosedForSending());
        assertTrue(ch.sender().closeCause().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void sender_watch_fires_at_once_when_already_disconnected(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        ch.receiver().close();
        AtomicInteger fired = new AtomicInteger();
        ch.sender().watchDisconnected(fired::incrementAndGet);
        assertEquals(1, fired.get());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void closeChannel_fires_both_sides_and_says_why(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        AtomicInteger senders = new AtomicInteger();
        AtomicInteger receivers = new AtomicInteger();
        ch.sender().watchDisconnected(senders::incrementAndGet);
        ch.receiver().watchDisconnected(receivers::incrementAndGet);
        IllegalStateException boom = new IllegalStateException("boom");
        ch.sender().clone().closeChannel(boom);
        assertEquals(1, senders.get());
        assertEquals(1, receivers.get());
        assertTrue(ch.sender().isClosedForSending());
        assertTrue(ch.sender().hasReceivers(), "closed for sending, but the receivers are still there");
        assertSame(boom, ch.sender().closeCause().orElseThrow());
        assertSame(boom, ch.receiver().closeCause().orElseThrow());
        ch.receiver().close();
        assertEquals(1, senders.get(), "one-shot");
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void receiver_watch_fires_when_the_last_sender_closes_with_messages_still_buffered(TestFlavor flavor)
            throws InterruptedException {
        Channel<Integer> ch = flavor.create();
        if (flavor.buffers()) {
            ch.sender().send(1);
        }
        AtomicInteger fired = new AtomicInteger();
        ch.receiver().watchDisconnected(fired::incrementAndGet);
        ch.sender().close();
        assertEquals(1, fired.get());
        if (flavor.buffers()) {
            assertEquals(Integer.valueOf(1), ch.receiver().poll(), "the buffered message is still there");
        }
        assertNull(ch.receiver().poll());
        assertTrue(ch.receiver().isDisconnected());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void traffic_never_fires_a_disconnect_watch(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicInteger senders = new AtomicInteger();
        AtomicInteger receivers = new AtomicInteger();
        ch.sender().watchDisconnected(senders::incrementAndGet);
        ch.receiver().watchDisconnected(receivers::incrementAndGet);
        Thread consumer = new Thread(() -> {
            try {
                for (int i = 0; i < 1000; i++) {
                    ch.receiver().recv();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        consumer.start();
        for (int i = 0; i < 1000; i++) {
            assertEquals(SendTimeoutResult.OK, ch.sender().sendTimeout(i, Race.HANG));
        }
        consumer.join(Race.HANG.toMillis());
        assertFalse(consumer.isAlive());
        assertEquals(0, senders.get());
        assertEquals(0, receivers.get());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_cancelled_watch_never_fires(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.sender().watchDisconnected(fired::incrementAndGet);
        assertTrue(watch.cancel());
        ch.receiver().close();
        assertEquals(0, fired.get());
        assertFalse(watch.cancel(), "already cancelled");
    }

    @Test
    void a_fired_watch_cannot_be_cancelled() {
        Channel<Integer> ch = Channel.bounded(1);
        Watch watch = ch.sender().watchDisconnected(() -> { });
        ch.receiver().close();
        assertFalse(watch.cancel());
    }

    @Test
    void watching_on_a_closed_handle_is_refused() {
        Channel<Integer> ch = Channel.bounded(1);
        Sender<Integer> tx = ch.sender().clone();
        tx.close();
        assertThrows(IllegalStateException.class, () -> tx.watchDisconnected(() -> { }));
        assertThrows(NullPointerException.class, () -> ch.sender().watchDisconnected(null));
        assertThrows(NullPointerException.class, () -> ch.receiver().watchDisconnected(null));
    }

    /** Registration and the last close race; every registration fires exactly once. */
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_watch_racing_with_the_last_close_fires_exactly_once(TestFlavor flavor) throws Exception {
        try (Race race = new Race("disconnect-watch-" + flavor)) {
            for (int round = 0; round < 500; round++) {
                Channel<Integer> ch = flavor.create();
                AtomicInteger fired = new AtomicInteger();
                CountDownLatch once = new CountDownLatch(1);
                race.run(() -> ch.sender().watchDisconnected(() -> {
                    fired.incrementAndGet();
                    once.countDown();
                }), () -> ch.receiver().close());
                assertTrue(once.await(10, TimeUnit.SECONDS), "round " + round + ": the watch never fired");
                assertEquals(1, fired.get(), "round " + round);
            }
        }
    }

    @Test
    void a_watch_fires_when_the_last_receiver_is_garbage_collected() throws InterruptedException {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        CountDownLatch fired = new CountDownLatch(1);
        tx.watchDisconnected(fired::countDown);
        dropReceiverOf(ch);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!fired.await(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
            System.gc();                               // the Cleaner fallback releases the handle
        }
        assertEquals(0, fired.getCount(), "the leaked receiver's release fired the watch");
    }

    /** Moves the channel's receiver out of reach: only the sender stays referenced. */
    private static void dropReceiverOf(Channel<Integer> ch) {
        Receiver<Integer> rx = ch.receiver().clone();
        ch.receiver().close();
        assertTrue(rx.sameChannel(ch.sender()));
    }

    // ==== poll ====

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS", mode = EnumSource.Mode.EXCLUDE)
    void poll_returns_messages_in_order_then_null(TestFlavor flavor) throws InterruptedException {
        Channel<Integer> ch = flavor.create();
        ch.sender().send(1);
        assertEquals(Integer.valueOf(1), ch.receiver().poll());
        assertNull(ch.receiver().poll(), "empty");
        ch.sender().send(2);
        ch.sender().close();
        assertEquals(Integer.valueOf(2), ch.receiver().poll(), "buffered before the disconnection");
        assertNull(ch.receiver().poll(), "empty and disconnected");
        assertTrue(ch.receiver().isDisconnected());
    }

    @Test
    void poll_takes_from_a_waiting_rendezvous_sender() throws Exception {
        Channel<Integer> ch = Channel.bounded(0);
        var sent = ch.sender().sendAsync(7);
        assertEquals(Integer.valueOf(7), ch.receiver().poll());
        assertTrue(sent.isDone() && !sent.isCompletedExceptionally());
        assertNull(ch.receiver().poll());
    }

    @Test
    void poll_on_a_closed_handle_is_refused() {
        Channel<Integer> ch = Channel.bounded(1);
        Receiver<Integer> rx = ch.receiver().clone();
        rx.close();
        assertThrows(IllegalStateException.class, rx::poll);
    }

    /** Allocation, not time: {@code tryRecv} allocates a result per call, {@code poll} must not. */
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16"})
    void poll_allocates_nothing_in_a_bounded_channel(TestFlavor flavor) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Channel<Integer> ch = flavor.create();
        Integer boxed = 42;
        for (int i = 0; i < 20_000; i++) {             // warm up, fill the waiter cache
            ch.sender().send(boxed);
            ch.receiver().poll();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            ch.sender().trySend(boxed);
            ch.receiver().poll();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 10_000, "100 000 trySend + poll pairs allocated " + allocated + " bytes");
    }
}
