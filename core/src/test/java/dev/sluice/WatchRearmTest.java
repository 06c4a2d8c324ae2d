package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link Watch#rearm()}: a fired readiness watch armed again, without a new registration. */
@Timeout(30)
class WatchRearmTest {

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_rearmed_receive_watch_fires_once_more_on_the_next_message(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
        for (int round = 1; round <= 3; round++) {
            var sent = ch.sender().sendAsync(round);         // a rendezvous sender waits: receivable
            assertEquals(round, fired.get(), "round " + round);
            assertEquals(Integer.valueOf(round), ch.receiver().poll());
            assertTrue(sent.isDone());
            assertTrue(watch.rearm(), "round " + round);
            assertEquals(round, fired.get(), "nothing to receive now: armed, not fired");
        }
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_rearmed_watch_fires_at_once_if_the_channel_is_ready_now(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
        ch.sender().sendAsync(1);
        assertEquals(1, fired.get());
        assertTrue(watch.rearm());
        assertEquals(2, fired.get(), "still receivable: fired again at once");
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_rearmed_send_watch_fires_again_when_room_frees_up(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.sender().watchSendable(fired::incrementAndGet);
        if (flavor.isUnbounded()) {
            assertEquals(1, fired.get(), "always room");
            assertTrue(watch.rearm());
            assertEquals(2, fired.get());
            return;
        }
        if (flavor.buffers()) {
            assertEquals(1, fired.get(), "empty: room");
            while (ch.sender().trySend(0) == TrySendResult.OK) { }
            assertTrue(watch.rearm());
            assertEquals(1, fired.get(), "full: armed, not fired");
            ch.receiver().poll();
        } else {
            assertEquals(0, fired.get(), "a rendezvous without a waiting receiver");
            ch.receiver().recvAsync();                        // a receiver waits: room
            assertEquals(1, fired.get());
            assertEquals(TrySendResult.OK, ch.sender().trySend(0));
            assertTrue(watch.rearm());
            assertEquals(1, fired.get());
            ch.receiver().recvAsync();
        }
        assertEquals(2, fired.get());
    }

    @Test
    void rearm_is_refused_before_the_watch_fired_and_after_a_cancel() {
        Channel<Integer> ch = Channel.bounded(1);
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
        assertFalse(watch.rearm(), "still armed");
        assertTrue(watch.cancel());
        assertFalse(watch.rearm(), "cancelled");
        ch.sender().trySend(1);
        assertEquals(0, fired.get());
    }

    @Test
    void a_disconnect_watch_is_one_shot() {
        Channel<Integer> ch = Channel.bounded(1);
        Watch watch = ch.sender().watchDisconnected(() -> { });
        ch.receiver().close();
        assertFalse(watch.rearm());
    }

    @Test
    void a_rearmed_watch_is_cancelled_like_a_new_one() {
        Channel<Integer> ch = Channel.bounded(4);
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
        ch.sender().trySend(1);
        ch.receiver().poll();
        assertTrue(watch.rearm());
        assertTrue(watch.cancel());
        ch.sender().trySend(2);
        assertEquals(1, fired.get(), "the cancelled re-arming never fires");
    }

    /** Rearm and cancel race after a firing: either the watch is armed (and fires) or cancelled, never both. */
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void rearm_racing_cancel_leaves_exactly_one_outcome(TestFlavor flavor) throws Exception {
        try (Race race = new Race("rearm-" + flavor)) {
            for (int round = 0; round < 300; round++) {
                Channel<Integer> ch = flavor.create();
                AtomicInteger fired = new AtomicInteger();
                Watch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
                ch.sender().sendAsync(1);
                assertEquals(1, fired.get());
                ch.receiver().poll();
                AtomicBoolean rearmed = new AtomicBoolean();
                AtomicBoolean cancelled = new AtomicBoolean();
                race.run(() -> rearmed.set(watch.rearm()), () -> cancelled.set(watch.cancel()));
                assertTrue(rearmed.get(), "round " + round + ": the watch had fired, so rearm wins its CAS");
                ch.sender().sendAsync(2);
                int expected = cancelled.get() ? 1 : 2;
                assertEquals(expected, fired.get(), "round " + round + " cancelled=" + cancelled.get());
                ch.receiver().poll();
                watch.cancel();
                ch.sender().sendAsync(3);
                assertEquals(expected, fired.get(), "round " + round + ": nothing fires after the last cancel");
            }
        }
    }

    /** Bounded flavors only: an unbounded channel allocates a block per 31 messages by design. */
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16"})
    void rearming_allocates_nothing_in_a_bounded_channel(TestFlavor flavor) throws InterruptedException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Channel<Integer> ch = flavor.create();
        Integer boxed = 7;
        AtomicInteger fired = new AtomicInteger();
        Watch watch = ch.receiver().watchReceivable(fired::incrementAndGet);
        for (int i = 0; i < 20_000; i++) {
            ch.sender().trySend(boxed);
            ch.receiver().poll();
            watch.rearm();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 100_000; i++) {
            ch.sender().trySend(boxed);
            ch.receiver().poll();
            watch.rearm();
        }
        long allocated = threads.getThreadAllocatedBytes(id) - before;
        assertEquals(120_000, fired.get());
        assertTrue(allocated < 10_000, "100 000 fire + rearm cycles allocated " + allocated + " bytes");
    }
}
