package dev.sluice;

import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Select: the behaviours crossbeam-channel's {@code tests/select.rs} and {@code tests/ready.rs}
 * check, per flavor where the flavor matters. Each test names its crossbeam counterpart.
 */
@Timeout(60)
class SelectTest {
    private static final Duration SHORT = TestSupport.SHORT;
    private static final Duration WAIT = TestSupport.WAIT;

    /** Makes a message available on {@code ch}: buffered, or a sender blocked on the rendezvous. */
    private static TestSupport.Spawned<Void> offer(TestFlavor flavor, Channel<Integer> ch, int msg) throws Exception {
        if (flavor.buffers()) {
            assertEquals(TrySendResult.OK, ch.sender().trySend(msg));
            return null;
        }
        return run("offer", () -> ch.sender().send(msg)).awaitBlocked();
    }

    // ==== select.rs: smoke1 / smoke2 — the ready arm is chosen ====

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void ready_arm_is_chosen(TestFlavor flavor) throws Exception {        // select.rs smoke1
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        TestSupport.Spawned<Void> sender = offer(flavor, b, 7);
        Select sel = new Select();
        int ia = sel.recv(a.receiver());
        int ib = sel.recv(b.receiver());
        Selected s = sel.select(WAIT);
        assertNotNull(s);
        assertEquals(ib, s.index());
        assertFalse(s.isDisconnected());
        assertEquals(7, s.<Integer>value());
        assertTrue(ia != ib);
        if (sender != null) {
            sender.get();
        }
        assertNull(sel.trySelect(), "nothing else is ready");
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void ready_send_arm_is_chosen(TestFlavor flavor) throws Exception {
        Channel<Integer> full = Channel.bounded(1);
        full.sender().trySend(0);
        Channel<Integer> ch = flavor.create();
        TestSupport.Spawned<Integer> receiver = flavor.isRendezvous()
                ? spawn("receiver", () -> ch.receiver().recv()).awaitBlocked() : null;
        Select sel = new Select();
        sel.send(full.sender(), 1);
        int i = sel.send(ch.sender(), 5);
        Selected s = sel.select(WAIT);
        assertEquals(i, s.index());
        assertTrue(s.isSend());
        assertFalse(s.isDisconnected());
        assertEquals(5, receiver != null ? receiver.get() : ch.receiver().tryRecv().value());
    }

    // ==== select.rs: disconnected — disconnection selects with an error ====

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void disconnection_selects_with_an_error(TestFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        b.sender().close();
        Select sel = new Select();
        sel.recv(a.receiver());
        int ib = sel.recv(b.receiver());
        Selected s = sel.select(WAIT);
        assertEquals(ib, s.index());
        assertTrue(s.isDisconnected());
        assertThrows(DisconnectedException.class, s::value);
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void disconnected_send_arm_gives_the_message_back(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        ch.receiver().close();
        Select sel = new Select();
        sel.send(ch.sender(), 9);
        Selected s = sel.select(WAIT);
        assertTrue(s.isDisconnected());
        assertEquals(9, s.<Integer>undelivered());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void buffered_messages_come_before_disconnection(TestFlavor flavor) throws Exception {
        assumeTrue(flavor.buffers(), "a rendezvous buffers nothing");
        Channel<Integer> ch = flavor.create();
        ch.sender().trySend(1);
        ch.sender().close();
        Select sel = new Select();
        sel.recv(ch.receiver());
        assertEquals(1, sel.select().<Integer>value());
        assertTrue(sel.select().isDisconnected());
    }

    // ==== select.rs: timeout / default ====

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void timeout_arm_when_nothing_is_ready(TestFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create();
        Channel<Integer> keep = null;
        Select sel = new Select();
        sel.recv(a.receiver());
        if (flavor.sendCanBlock()) {
            Channel<Integer> b = flavor.create();
            if (!flavor.isRendezvous()) {
                TestSupport.fill(b.sender(), flavor.room(0));
            }
            sel.send(b.sender(), 1);
            keep = b;
        }
        long t0 = System.nanoTime();
        assertNull(sel.select(SHORT));
        assertTrue(System.nanoTime() - t0 >= SHORT.toNanos(), "a timeout never ends early");
        assertNull(sel.selectDeadline(java.time.Instant.now().plus(SHORT)));
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, keep});   // an unreachable sender would disconnect (Cleaner)
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void default_arm_when_nothing_is_ready(TestFlavor flavor) {      // select.rs default
        Channel<Integer> a = flavor.create();
        Select sel = new Select();
        sel.recv(a.receiver());
        assertNull(sel.trySelect());
        assertEquals(-1, sel.tryReady());
        java.lang.ref.Reference.reachabilityFence(new Object[] {a});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void a_ready_arm_wins_over_an_expired_timeout() throws Exception {
        Channel<Integer> a = Channel.bounded(1);
        a.sender().trySend(3);
        Select sel = new Select();
        sel.recv(a.receiver());
        assertEquals(3, sel.select(Duration.ZERO).<Integer>value());
    }

    // ==== select.rs: fairness1 / fairness2, and biased ====

    @Test
    void both_arms_ready_each_chosen_about_half_the_time() throws Exception {  // select.rs fairness1
        int n = 10_000;
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        TestSupport.fill(a.sender(), n);
        TestSupport.fill(b.sender(), n);
        Select sel = new Select();
        sel.recv(a.receiver());
        sel.recv(b.receiver());
        int[] hits = new int[2];
        for (int i = 0; i < n; i++) {
            hits[sel.trySelect().index()]++;
        }
        assertTrue(hits[0] >= n / 4 && hits[1] >= n / 4, "hits " + hits[0] + "/" + hits[1]);
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void fairness_is_uniform_among_ready_arms_not_by_position() throws Exception {
        int n = 10_000;
        Channel<Integer> empty1 = Channel.unbounded();
        Channel<Integer> empty2 = Channel.unbounded();
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        TestSupport.fill(a.sender(), n);
        TestSupport.fill(b.sender(), n);
        Select sel = new Select();
        sel.recv(empty1.receiver());
        sel.recv(empty2.receiver());
        int ia = sel.recv(a.receiver());
        int ib = sel.recv(b.receiver());
        int[] hits = new int[4];
        for (int i = 0; i < n; i++) {
            hits[sel.select().index()]++;
        }
        assertTrue(hits[ia] >= n / 4 && hits[ib] >= n / 4, "hits " + hits[ia] + "/" + hits[ib]);
        assertEquals(n, hits[ia] + hits[ib]);
        java.lang.ref.Reference.reachabilityFence(new Object[] {empty1, empty2, a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void biased_always_picks_the_first_ready() throws Exception {
        Channel<Integer> a = Channel.unbounded();
        Channel<Integer> b = Channel.unbounded();
        TestSupport.fill(a.sender(), 1000);
        TestSupport.fill(b.sender(), 1000);
        Select sel = Select.biased();
        sel.recv(a.receiver());
        sel.recv(b.receiver());
        for (int i = 0; i < 1000; i++) {
            assertEquals(0, sel.trySelect().index());
        }
        assertEquals(1, sel.trySelect().index(), "a is empty now");
        assertEquals(0, Select.biased().recv(a.receiver()));
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    // ==== select.rs: unblocks / both_ready — blocked select woken by another thread ====

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void blocked_select_woken_by_a_send(TestFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(a.receiver());
            sel.recv(b.receiver());
            return sel.select();
        }).awaitBlocked();
        b.sender().sendTimeout(4, WAIT);
        Selected s = selector.get();
        assertEquals(1, s.index());
        assertEquals(4, s.<Integer>value());
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1"})
    void blocked_send_arm_woken_by_a_receive(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        if (!flavor.isRendezvous()) {
            ch.sender().trySend(0);
        }
        Channel<Integer> idle = Channel.unbounded();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(idle.receiver());
            sel.send(ch.sender(), 8);
            return sel.select();
        }).awaitBlocked();
        Object first = ch.receiver().recvTimeout(WAIT).value();
        Selected s = selector.get();
        assertEquals(1, s.index());
        assertTrue(s.isSend());
        if (flavor.isRendezvous()) {
            assertEquals(8, first);
        } else {
            assertEquals(0, first);
            assertEquals(8, ch.receiver().tryRecv().value());
        }
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void blocked_select_woken_by_a_disconnect(TestFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(a.receiver());
            sel.recv(b.receiver());
            return sel.select();
        }).awaitBlocked();
        a.sender().close();
        Selected s = selector.get();
        assertEquals(0, s.index());
        assertTrue(s.isDisconnected());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void sender_cloned_while_select_is_blocked(TestFlavor flavor) throws Exception {  // select.rs cloning1
        Channel<Integer> a = flavor.create();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(a.receiver());
            return sel.select();
        }).awaitBlocked();
        Sender<Integer> clone = a.sender().clone();
        a.sender().close();                             // the clone keeps the channel open
        TestSupport.awaitParked(selector.thread);
        assertFalse(selector.isDone());
        clone.sendTimeout(6, WAIT);
        assertEquals(6, selector.get().<Integer>value());
        clone.close();
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void sender_dropped_while_select_is_blocked(TestFlavor flavor) throws Exception {  // select.rs cloning2
        Channel<Integer> a = flavor.create();
        Sender<Integer> clone = a.sender().clone();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(a.receiver());
            return sel.select();
        }).awaitBlocked();
        clone.close();
        TestSupport.awaitParked(selector.thread);
        assertFalse(selector.isDone(), "one sender left: still open");
        a.sender().close();
        assertTrue(selector.get().isDisconnected());
    }

    // ==== select.rs: same_preflight / duplicate operations ====

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void same_channel_in_several_arms(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(ch.receiver());
            sel.recv(ch.receiver());
            sel.recv(ch.receiver());
            return sel.select();
        }).awaitBlocked();
        ch.sender().sendTimeout(1, WAIT);
        Selected s = selector.get();
        assertEquals(1, s.<Integer>value());
        assertTrue(s.index() >= 0 && s.index() < 3);
        if (flavor.buffers()) {
            assertTrue(ch.receiver().tryRecv().isEmpty(), "exactly one arm took one message");
        }
    }

    @Test
    void same_channel_in_several_arms_completes_one_operation_per_select() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        TestSupport.fill(ch.sender(), 3);
        Select sel = new Select();
        sel.recv(ch.receiver());
        sel.recv(ch.receiver());
        assertEquals(0, sel.select().<Integer>value());
        assertEquals(2, ch.receiver().len());
        java.lang.ref.Reference.reachabilityFence(new Object[] {ch});   // an unreachable sender would disconnect (Cleaner)
    }

    // ==== zero.rs / select.rs: a select never pairs with itself ====

    @Test
    void send_and_recv_arms_on_one_rendezvous_channel_do_not_pair_with_themselves() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Select sel = new Select();
        sel.send(ch.sender(), 1);
        sel.recv(ch.receiver());
        assertNull(sel.trySelect());
        assertNull(sel.select(SHORT), "nobody else is there: the select must time out");
        assertEquals(-1, sel.ready(SHORT), "its own arms do not make it ready");
        java.lang.ref.Reference.reachabilityFence(new Object[] {ch});   // an unreachable sender would disconnect (Cleaner)
    }

    @Test
    void send_and_recv_arms_on_one_rendezvous_channel_pair_with_another_thread() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.send(ch.sender(), 1);
            sel.recv(ch.receiver());
            return sel.select();
        }).awaitBlocked();
        Object got = ch.receiver().recvTimeout(WAIT).value();
        Selected s = selector.get();
        assertEquals(1, got);
        assertEquals(0, s.index());
    }

    @Test
    void two_blocked_selects_on_one_rendezvous_channel_pair_with_each_other() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        TestSupport.Spawned<Selected> first = spawn("first", () -> {
            Select sel = new Select();
            sel.send(ch.sender(), 1);
            sel.recv(ch.receiver());
            return sel.select();
        }).awaitBlocked();
        Select sel = new Select();
        sel.send(ch.sender(), 2);
        sel.recv(ch.receiver());
        Selected mine = sel.select(WAIT);
        Selected theirs = first.get();
        assertNotNull(mine);
        assertTrue(mine.isSend() != theirs.isSend(), "one sent, the other received");
        Selected receiver = mine.isSend() ? theirs : mine;
        assertEquals(mine.isSend() ? 2 : 1, receiver.<Integer>value());
    }

    // ==== Java rules: interruption and closed handles ====

    @Test
    void interrupted_select_throws_and_transfers_nothing() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        CountDownLatch started = new CountDownLatch(1);
        TestSupport.Spawned<Void> selector = run("selector", () -> {
            Select sel = new Select();
            sel.recv(ch.receiver());
            started.countDown();
            sel.select();
        });
        assertTrue(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        TestSupport.awaitParked(selector.thread);
        selector.thread.interrupt();
        selector.failure(InterruptedException.class);
        assertEquals(TrySendResult.FULL, ch.sender().trySend(1), "no select arm left registered");
        Thread.currentThread().interrupt();
        Select sel = new Select();
        sel.recv(Channel.<Integer>unbounded().receiver());
        assertThrows(InterruptedException.class, sel::select);
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void closing_a_handle_wakes_the_blocked_select(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver().clone();
        TestSupport.Spawned<Selected> selector = spawn("selector", () -> {
            Select sel = new Select();
            sel.recv(rx);
            return sel.select();
        }).awaitBlocked();
        rx.close();
        selector.failure(IllegalStateException.class);
        assertEquals(flavor.isRendezvous() ? TrySendResult.FULL : TrySendResult.OK, ch.sender().trySend(1));
    }

    @Test
    void an_empty_select_is_refused() {
        assertThrows(IllegalStateException.class, () -> new Select().select());
    }

    // ==== ready.rs ====

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void ready_reports_without_transferring(TestFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        TestSupport.Spawned<Void> sender = offer(flavor, b, 2);
        Select sel = new Select();
        sel.recv(a.receiver());
        sel.recv(b.receiver());
        assertEquals(1, sel.ready(WAIT));
        assertEquals(1, sel.tryReady());
        assertEquals(2, b.receiver().tryRecv().value(), "ready() left the message in place");
        if (sender != null) {
            sender.get();
        }
        java.lang.ref.Reference.reachabilityFence(new Object[] {a, b});   // an unreachable sender would disconnect (Cleaner)
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void blocked_ready_woken_by_a_send_and_by_a_disconnect(TestFlavor flavor) throws Exception {
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        TestSupport.Spawned<Integer> waiter = spawn("ready", () -> {
            Select sel = new Select();
            sel.recv(a.receiver());
            sel.recv(b.receiver());
            return sel.ready();
        }).awaitBlocked();
        TestSupport.Spawned<Void> sender = flavor.buffers()
                ? run("send", () -> b.sender().send(5)) : run("send", () -> b.sender().sendTimeout(5, WAIT));
        assertEquals(1, waiter.get());
        if (flavor.isRendezvous()) {
            assertEquals(5, b.receiver().recvTimeout(WAIT).value());
        }
        sender.get();
        TestSupport.Spawned<Integer> second = spawn("ready", () -> {
            Select sel = new Select();
            sel.recv(a.receiver());
            return sel.ready();
        }).awaitBlocked();
        a.sender().close();
        assertEquals(0, second.get());
    }

    @Test
    void ready_timeout_returns_minus_one() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        Select sel = new Select();
        sel.recv(ch.receiver());
        assertEquals(-1, sel.ready(SHORT));
        java.lang.ref.Reference.reachabilityFence(ch);   // an unreachable sender would disconnect
    }

    // ==== Reuse and many selects on one thread ====

    @Test
    void one_select_serves_many_selects() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Select sel = new Select();
        sel.recv(ch.receiver());
        Set<Integer> seen = new HashSet<>();
        TestSupport.Spawned<Void> producer = run("producer", () -> {
            for (int i = 0; i < 1000; i++) {
                ch.sender().send(i);
            }
        });
        for (int i = 0; i < 1000; i++) {
            assertTrue(seen.add(sel.select(WAIT).<Integer>value()));
        }
        producer.get();
    }
}
