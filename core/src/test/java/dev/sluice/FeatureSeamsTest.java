package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where two features meet: a timer and the async cancel protocol, a select and the overflow
 * policy, the counters and eviction, a non-blocking select and concurrent moves, fairness and
 * duplicate arms, and crossbeam's edge cases (empty select, zero tick, never). Each test states
 * one behaviour; the racy ones repeat a few hundred rounds.
 */
@Timeout(60)
class FeatureSeamsTest {
    private static final Duration WAIT = TestSupport.WAIT;

    // ==== 1. A timer's message survives the cancellation of its async receive ====

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cancel", "orTimeout", "completeExceptionally"})
    @DisplayName("a timer's recvAsync that is withdrawn as the tick arrives never loses the tick")
    void timer_recv_async_withdrawn_never_loses_the_tick(String how) throws Exception {
        int rounds = TestSupport.scaled(500, 20_000);
        for (int i = 0; i < rounds; i++) {
            long delay = ThreadLocalRandom.current().nextLong(0, 50_000);
            Receiver<Instant> rx = Channel.after(Duration.ofNanos(delay));
            CompletableFuture<Instant> f = rx.recvAsync();
            long due = System.nanoTime() + delay;
            while (System.nanoTime() - due < 0) {
                Thread.onSpinWait();
            }
            // The tick is due (the timer reports a message) until a delivery takes it: withdraw
            // the future the moment the delivery starts, or a little later.
            long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
            while (!rx.isEmpty() && !f.isDone() && System.nanoTime() - giveUp < 0) {
                Thread.onSpinWait();
            }
            boolean withdrawn;
            switch (how) {
                case "cancel":
                    withdrawn = f.cancel(false);
                    break;
                case "orTimeout":
                    f.orTimeout(1, TimeUnit.NANOSECONDS);
                    f.handle((v, e) -> null).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    withdrawn = f.isCompletedExceptionally();
                    break;
                default:
                    withdrawn = f.completeExceptionally(new IllegalStateException("withdrawn"));
            }
            // The tick is due by now, so a receive that finds nothing means it is gone.
            TryRecvResult<Instant> later = rx.tryRecv();
            if (withdrawn) {
                assertTrue(later.isValue(), "round " + i + ": the future was withdrawn and the tick is gone");
            } else {
                assertNotNull(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "round " + i);
                assertFalse(later.isValue(), "round " + i + ": the tick was delivered twice");
            }
        }
    }

    // ==== 2. A select's send arm follows the channel's overflow policy ====

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DROP_NEWEST", "DROP_OLDEST", "conflated"})
    @DisplayName("a select's send arm on a full dropping channel completes at once and counts the drop")
    void select_send_arm_follows_the_overflow_policy(String kind) throws Exception {
        for (String form : new String[] {"trySelect", "select(200 ms)", "select()"}) {
            Channel<Integer> ch = kind.equals("conflated") ? Channel.conflated()
                    : Channel.bounded(1, OverflowPolicy.valueOf(kind), null);
            Sender<Integer> tx = ch.sender();
            Receiver<Integer> rx = ch.receiver();
            assertEquals(TrySendResult.OK, tx.trySend(1));
            Select sel = new Select();
            int arm = sel.send(tx, 2);
            long t0 = System.nanoTime();
            Selected s = form.equals("trySelect") ? sel.trySelect()
                    : form.equals("select()") ? sel.select() : sel.select(Duration.ofMillis(200));
            assertNotNull(s, form + " on a full " + kind + " channel reported nothing");
            assertTrue(System.nanoTime() - t0 < TimeUnit.MILLISECONDS.toNanos(150), form + " waited");
            assertEquals(arm, s.index());
            assertFalse(s.isDisconnected());
            assertEquals(1, tx.stats().dropped(), form + ": one drop counted");
            int expected = kind.equals("DROP_NEWEST") ? 1 : 2;       // the survivor
            assertEquals(expected, rx.tryRecv().value(), form);
            assertTrue(rx.tryRecv().isEmpty());
        }
    }

    // ==== 3. received() is exact under eviction races ====

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"conflated", "DROP_OLDEST(4)"})
    @DisplayName("received() stays exact while evictions race the reads: sent = received + buffered + dropped")
    void received_is_exact_under_eviction_races(String kind) throws Exception {
        int rounds = TestSupport.scaled(25, 400);
        int messages = 20_000;
        for (int round = 0; round < rounds; round++) {
            Channel<Integer> ch = kind.equals("conflated") ? Channel.conflated()
                    : Channel.bounded(4, OverflowPolicy.DROP_OLDEST, null);
            Sender<Integer> tx = ch.sender();
            Receiver<Integer> rx = ch.receiver();
            ChannelStats stats = tx.stats();
            AtomicBoolean done = new AtomicBoolean();
            AtomicLong taken = new AtomicLong();
            TestSupport.Spawned<Void> receiver = TestSupport.run("receiver", () -> {
                while (!done.get()) {
                    if (rx.tryRecv().isValue()) {
                        taken.incrementAndGet();
                    }
                }
            });
            TestSupport.Spawned<Void> monitor = TestSupport.run("monitor", () -> {
                while (!done.get()) {
                    stats.received();                         // reads race the evictions
                }
            });
            for (int i = 0; i < messages; i++) {
                tx.send(i);
            }
            done.set(true);
            receiver.get();
            monitor.get();
            long buffered = stats.buffered();
            assertEquals(taken.get(), stats.received(), "round " + round + ": " + stats);
            assertEquals(stats.sent(), stats.received() + buffered + stats.dropped(), "round " + round + ": " + stats);
            assertEquals(messages, stats.sent());
        }
    }

    // ==== 4. trySelect / select(ZERO) never miss a message that is there the whole time ====

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"trySelect", "select(ZERO)"})
    @DisplayName("a non-blocking select never reports nothing while some arm holds a message the whole time")
    void non_blocking_select_is_linearizable(String form) throws Exception {
        // Six arms that are always empty widen the window between the checks of a and b.
        List<Receiver<Integer>> idle = new ArrayList<>();
        List<Sender<Integer>> idleSenders = new ArrayList<>();   // open, so the idle arms stay connected
        for (int i = 0; i < 6; i++) {
            Channel<Integer> c = Channel.bounded(1);
            idle.add(c.receiver());
            idleSenders.add(c.sender());
        }
        Channel<Integer> a = Channel.bounded(8);
        Channel<Integer> b = Channel.bounded(8);
        Sender<Integer> txA = a.sender();
        Sender<Integer> txB = b.sender();
        Receiver<Integer> rxA = a.receiver();
        Receiver<Integer> rxB = b.receiver();
        txA.send(0);
        AtomicBoolean done = new AtomicBoolean();
        // The mover keeps at least one message in a or b at every instant: it puts a new one into
        // the other channel before it takes the old one.
        TestSupport.Spawned<Void> mover = TestSupport.run("mover", () -> {
            boolean inA = true;
            while (!done.get()) {
                (inA ? txB : txA).send(1);
                Receiver<Integer> from = inA ? rxA : rxB;
                while (from.tryRecv().isEmpty() && !done.get()) {
                    Thread.onSpinWait();     // the selector may hold it for a moment: it puts it back
                }
                inA = !inA;
            }
        });
        Select sel = new Select();
        int armA = sel.recv(rxA);
        int armB = sel.recv(rxB);
        idle.forEach(sel::recv);
        int rounds = TestSupport.scaled(300_000, 3_000_000);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1500);
        int misses = 0;
        int calls = 0;
        try {
            for (; calls < rounds && System.nanoTime() - deadline < 0; calls++) {
                Selected s = form.equals("trySelect") ? sel.trySelect() : sel.select(Duration.ZERO);
                if (s == null) {
                    misses++;
                } else {
                    assertTrue(s.index() == armA || s.index() == armB, "an idle arm was selected");
                    (s.index() == armA ? txA : txB).send(s.value());     // put it back
                }
            }
        } finally {
            done.set(true);
        }
        mover.get();
        idleSenders.forEach(Sender::close);
        assertEquals(0, misses, form + " reported nothing " + misses + " times in " + calls + " calls");
    }

    // ==== 5. Fairness with one rendezvous channel in several arms ====

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"recv arms", "send arms"})
    @DisplayName("a select with one rendezvous channel in five arms chooses each arm about equally often")
    void fair_with_one_rendezvous_channel_in_several_arms(String side) throws Exception {
        int arms = 5;
        int messages = TestSupport.scaled(5_000, 50_000);
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        boolean recvArms = side.equals("recv arms");
        TestSupport.Spawned<Void> partner = TestSupport.run("partner", () -> {
            for (int i = 0; i < messages; i++) {
                if (recvArms) {
                    tx.send(i);
                } else {
                    rx.recv();
                }
            }
        });
        Select sel = new Select();
        for (int i = 0; i < arms; i++) {
            if (recvArms) {
                sel.recv(rx);
            } else {
                sel.send(tx, i);
            }
        }
        int[] hits = new int[arms];
        for (int i = 0; i < messages; i++) {
            hits[sel.select().index()]++;
        }
        partner.get();
        double fair = messages / (double) arms;
        for (int i = 0; i < arms; i++) {
            assertTrue(hits[i] > fair * 0.6 && hits[i] < fair * 1.4,
                    "arm " + i + " chosen " + hits[i] + " times of " + messages + ": " + java.util.Arrays.toString(hits));
        }
    }

    // ==== 6. crossbeam's edge cases ====

    @Test
    @DisplayName("a select with no operations waits out its timeout and then reports nothing")
    void empty_select_waits_out_its_timeout() throws Exception {
        Duration d = Duration.ofMillis(30);
        long t0 = System.nanoTime();
        assertEquals(null, new Select().select(d));
        assertTrue(System.nanoTime() - t0 >= d.toNanos(), "select returned early");
        t0 = System.nanoTime();
        assertEquals(-1, new Select().ready(d));
        assertTrue(System.nanoTime() - t0 >= d.toNanos(), "ready returned early");
        assertEquals(null, new Select().trySelect());
        assertEquals(-1, new Select().tryReady());
    }

    @Test
    @DisplayName("tick(ZERO) is accepted and always ready")
    void tick_zero_is_always_ready() throws Exception {
        Receiver<Instant> rx = Channel.tick(Duration.ZERO);
        for (int i = 0; i < 100; i++) {
            assertTrue(rx.tryRecv().isValue(), "tick " + i);
        }
        assertNotNull(rx.recv());
    }

    @Test
    @DisplayName("never() has capacity 0 and is both empty and full")
    void never_has_capacity_zero_and_is_full() {
        Receiver<Instant> rx = Channel.never();
        assertEquals(0, rx.capacity().getAsInt());
        assertTrue(rx.isFull());
        assertTrue(rx.isEmpty());
        assertEquals(0, rx.len());
    }
}
