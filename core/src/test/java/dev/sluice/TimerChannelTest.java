package dev.sluice;

import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timer channels: the behaviours of crossbeam-channel's {@code tests/after.rs}, {@code tick.rs}
 * and {@code never.rs}. The only timing assertions are lower bounds ("no earlier than"), which
 * a slow machine cannot break.
 */
@Timeout(60)
class TimerChannelTest {
    private static final Duration D = Duration.ofMillis(30);
    private static final Duration WAIT = TestSupport.WAIT;

    // ==== after.rs ====

    @Test
    void after_fires_no_earlier_than_its_deadline() throws Exception {     // after.rs fire
        long t0 = System.nanoTime();
        Instant start = Instant.now();
        Receiver<Instant> rx = Channel.after(D);
        Instant fired = rx.recv();
        assertTrue(System.nanoTime() - t0 >= D.toNanos(), "fired early");
        assertFalse(fired.isBefore(start.plus(D).minusMillis(2)), "message is the delivery instant");
        assertTrue(rx.tryRecv().isEmpty(), "one message only");
        assertTrue(rx.recvTimeout(D).isTimeout());
        assertFalse(rx.isDisconnected(), "a timer never disconnects");
    }

    @Test
    void after_zero_is_ready_at_once() {                                     // after.rs zero
        Receiver<Instant> rx = Channel.after(Duration.ZERO);
        assertTrue(rx.tryRecv().isValue());
    }

    @Test
    void after_is_empty_before_its_deadline() {                              // after.rs len_empty_full
        Receiver<Instant> rx = Channel.after(Duration.ofHours(1));
        assertTrue(rx.tryRecv().isEmpty());
        assertEquals(0, rx.len());
        assertTrue(rx.isEmpty());
        assertEquals(1, rx.capacity().getAsInt());
    }

    @Test
    void after_cloned_receivers_compete_for_its_one_message() throws Exception {
        Receiver<Instant> rx = Channel.after(Duration.ZERO);
        Receiver<Instant> clone = rx.clone();
        int got = (rx.tryRecv().isValue() ? 1 : 0) + (clone.tryRecv().isValue() ? 1 : 0);
        assertEquals(1, got);
    }

    @Test
    void at_fires_no_earlier_than_its_instant() throws Exception {           // at.rs fire
        Instant when = Instant.now().plus(D);
        Receiver<Instant> rx = Channel.at(when);
        rx.recv();
        assertFalse(Instant.now().isBefore(when), "fired early");
        assertTrue(Channel.at(Instant.now().minusSeconds(1)).tryRecv().isValue(), "a past instant is ready");
    }

    @Test
    void after_in_a_select_fires_no_earlier_than_its_deadline() throws Exception {  // after.rs select
        Channel<Integer> idle = Channel.unbounded();
        Select sel = new Select();
        sel.recv(idle.receiver());
        long t0 = System.nanoTime();
        int timer = sel.recv(Channel.after(D));
        Selected s = sel.select(WAIT);
        assertEquals(timer, s.index());
        assertTrue(System.nanoTime() - t0 >= D.toNanos(), "fired early");
        assertTrue(s.value() instanceof Instant);
        java.lang.ref.Reference.reachabilityFence(new Object[] {idle});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void the_earliest_of_several_timers_wins_in_a_select() throws Exception {
        Select sel = new Select();
        sel.recv(Channel.after(Duration.ofHours(1)));
        int soon = sel.recv(Channel.after(D));
        sel.recv(Channel.never());
        assertEquals(soon, sel.select(WAIT).index());
    }

    @Test
    void a_message_wins_over_a_later_timer() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        Select sel = new Select();
        int work = sel.recv(ch.receiver());
        sel.recv(Channel.after(Duration.ofHours(1)));
        TestSupport.Spawned<Selected> selector = spawn("selector", sel::select).awaitBlocked();
        ch.sender().trySend(1);
        assertEquals(work, selector.get().index());
    }

    @Test
    void after_recv_async_completes_with_the_instant() throws Exception {
        CompletableFuture<Instant> f = Channel.after(D).recvAsync();
        assertTrue(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS) != null);
    }

    @Test
    void after_watch_fires_once_ready() throws Exception {
        CountDownLatch fired = new CountDownLatch(1);
        Channel.after(D).watchReceivable(fired::countDown);
        assertTrue(fired.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void closing_a_timer_receiver_wakes_its_blocked_recv() throws Exception {
        Receiver<Instant> rx = Channel.after(Duration.ofHours(1));
        TestSupport.Spawned<Instant> blocked = spawn("recv", rx::recv).awaitBlocked();
        rx.close();
        blocked.failure(IllegalStateException.class);
    }

    // ==== tick.rs ====

    @Test
    void tick_fires_every_period_no_earlier() throws Exception {              // tick.rs fire
        Duration period = Duration.ofMillis(10);
        long t0 = System.nanoTime();
        Receiver<Instant> rx = Channel.tick(period);
        Instant previous = rx.recv();
        for (int i = 2; i <= 5; i++) {
            Instant next = rx.recv();
            assertFalse(next.isBefore(previous.plus(period)), "tick " + i + " came early");
            previous = next;
        }
        assertTrue(System.nanoTime() - t0 >= 5 * period.toNanos());
    }

    @Test
    void tick_never_buffers_more_than_one() throws Exception {                // tick.rs len_empty_full
        Duration period = Duration.ofMillis(20);
        Receiver<Instant> rx = Channel.tick(period);
        // The check is only conclusive if the two tryRecv calls run less than a period apart
        // (a busy machine may deschedule us longer): then retry, a bounded number of times.
        for (int attempt = 0; ; attempt++) {
            assertTrue(Channel.never().recvTimeout(period.multipliedBy(5)).isTimeout());   // ~5 ticks missed
            assertTrue(rx.len() <= 1);
            long t0 = System.nanoTime();
            assertTrue(rx.tryRecv().isValue());
            boolean second = rx.tryRecv().isValue();
            if (System.nanoTime() - t0 < period.toNanos()) {
                assertFalse(second, "missed ticks are dropped: at most one was pending");
                break;
            }
            assertTrue(attempt < 20, "never got two tryRecv calls within one period");
        }
        assertTrue(rx.recvTimeout(WAIT).isValue(), "and ticks keep coming");
    }

    @Test
    void tick_in_a_select() throws Exception {                                // tick.rs select
        Channel<Integer> idle = Channel.unbounded();
        Select sel = new Select();
        sel.recv(idle.receiver());
        int tick = sel.recv(Channel.tick(Duration.ofMillis(5)));
        for (int i = 0; i < 5; i++) {
            assertEquals(tick, sel.select(WAIT).index());
        }
        java.lang.ref.Reference.reachabilityFence(new Object[] {idle});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void tick_rejects_a_negative_period() {
        assertThrows(IllegalArgumentException.class, () -> Channel.tick(Duration.ofNanos(-1)));
    }

    // ==== never.rs ====

    @Test
    void never_never_delivers_and_never_disconnects() throws Exception {       // never.rs smoke
        Receiver<Instant> rx = Channel.never();
        assertTrue(rx.tryRecv().isEmpty());
        assertTrue(rx.recvTimeout(Duration.ofMillis(10)).isTimeout());
        assertFalse(rx.isDisconnected());
    }

    @Test
    void never_disables_a_select_arm() throws Exception {                     // never.rs optional
        Select sel = new Select();
        sel.recv(Channel.never());
        assertNull(sel.select(Duration.ofMillis(10)));
        Channel<Integer> ch = Channel.bounded(1);
        ch.sender().trySend(1);
        int real = sel.recv(ch.receiver());
        assertEquals(real, sel.select(WAIT).index());
    }

    @Test
    void timer_in_ready() throws Exception {
        Select sel = new Select();
        sel.recv(Channel.never());
        int t = sel.recv(Channel.after(D));
        long t0 = System.nanoTime();
        assertEquals(t, sel.ready(WAIT));
        assertTrue(System.nanoTime() - t0 >= D.toNanos());
    }
}
