package dev.sluice;

import static dev.sluice.TestSupport.SHORT;
import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.drain;
import static dev.sluice.TestSupport.fill;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SendConformanceTest: the sending rows of the semantics contract (the semantics contract):
 * {@code send}, {@code trySend}, {@code sendTimeout}, {@code sendDeadline}, for every flavor.
 *
 * <p>Each test names the behaviour and points at the Rust test of the same name: crossbeam-channel
 * {@code tests/array.rs}, {@code list.rs}, {@code zero.rs}, {@code mpsc.rs}, and Rust std
 * {@code library/std/src/sync/mpsc/tests.rs} / {@code sync_tests.rs}. A thread that must be
 * blocked is observed with {@link Spawned#awaitBlocked()}; nothing sleeps to wait for a thread.
 */
@Timeout(10)
class SendConformanceTest {

    // crossbeam tests/array.rs, zero.rs `send`; std sync_tests.rs `smoke_threads`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(100);
        Spawned<Void> sender = run("sender", () -> {
            for (int i = 0; i < room + 3; i++) {
                tx.send(i);
            }
        });
        for (int i = 0; i < room + 3; i++) {
            assertEquals(i, rx.recvTimeout(WAIT).value());
        }
        sender.get();
    }

    // bounded(n) "Send blocks while full"; crossbeam array.rs `send`
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16"})
    void send_blocks_while_full(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int cap = flavor.room(0);
        fill(tx, cap);
        Spawned<Void> sender = run("sender", () -> tx.send(cap)).awaitBlocked();
        assertEquals(cap, tx.len());
        assertEquals(0, rx.recvTimeout(WAIT).value());     // makes room: the sender goes on
        sender.get();
        for (int i = 1; i <= cap; i++) {
            assertEquals(i, rx.tryRecv().value());
        }
        assertTrue(rx.tryRecv().isEmpty());
    }

    // rendezvous "Send returns only after a receiver took the value"; crossbeam zero.rs `send`
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void send_waits_for_receiver(TestFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create();
        Spawned<Void> sender = run("sender", () -> ch.sender().send("hello")).awaitBlocked();
        assertEquals(0, ch.sender().len());
        assertEquals("hello", ch.receiver().recvTimeout(WAIT).value());
        sender.get();
    }

    // unbounded "Send never blocks, never reports Full or Timeout"; crossbeam list.rs `send`
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "UNBOUNDED")
    void send_never_blocks_unbounded(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        int count = TestSupport.scaled(100_000, 1_000_000);
        for (int i = 0; i < count; i++) {
            switch (i % 4) {
                case 0 -> tx.send(i);
                case 1 -> assertEquals(TrySendResult.OK, tx.trySend(i));
                case 2 -> assertEquals(SendTimeoutResult.OK, tx.sendTimeout(i, Duration.ZERO));
                default -> assertEquals(SendTimeoutResult.OK, tx.sendDeadline(i, Instant.MIN));
            }
        }
        assertEquals(count, tx.len());
        assertFalse(tx.isFull());
        for (int i = 0; i < count; i++) {
            assertEquals(i, ch.receiver().tryRecv().value());
        }
    }

    // crossbeam array.rs, zero.rs, list.rs `try_send`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void try_send(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(1000);
        fill(tx, room);
        if (flavor.isUnbounded()) {
            assertEquals(TrySendResult.OK, tx.trySend(room));
        } else {
            assertEquals(TrySendResult.FULL, tx.trySend(room));
            assertEquals(room, tx.len());                       // the failed attempt left no trace
        }
        for (int i = 0; i < room; i++) {
            assertEquals(i, rx.tryRecv().value());
        }
        rx.close();
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(-1));
    }

    // rendezvous "trySend succeeds only if a receiver is waiting right now"; crossbeam zero.rs `try_send`
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void try_send_needs_waiting_receiver(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        assertEquals(TrySendResult.FULL, tx.trySend(1));         // nobody receiving: "full"
        Spawned<Integer> receiver = spawn("receiver", rx::recv).awaitBlocked();
        assertEquals(TrySendResult.OK, tx.trySend(2));
        assertEquals(2, receiver.get());
        assertEquals(TrySendResult.FULL, tx.trySend(3));         // the receiver has gone
        assertTrue(rx.tryRecv().isEmpty());
    }

    // "trySend: Full-and-disconnected reports DISCONNECTED"; crossbeam array.rs `try_send`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void try_send_disconnected_wins_over_full(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        fill(tx, flavor.room(10));
        ch.receiver().close();
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(99));
        assertTrue(tx.isDisconnected());
    }

    // crossbeam array.rs, zero.rs `send_timeout`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_timeout(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(10);
        for (int i = 0; i < room; i++) {
            assertEquals(SendTimeoutResult.OK, tx.sendTimeout(i, SHORT));
        }
        if (flavor.isUnbounded()) {
            assertEquals(SendTimeoutResult.OK, tx.sendTimeout(room, SHORT));
            assertEquals(SendTimeoutResult.OK, tx.sendDeadline(room + 1, Instant.now().plus(SHORT)));
        } else {
            assertEquals(SendTimeoutResult.TIMEOUT, tx.sendTimeout(room, SHORT));
            assertEquals(SendTimeoutResult.TIMEOUT, tx.sendDeadline(room, Instant.now().plus(SHORT)));
            // a waiting send that a receiver unblocks
            Spawned<SendTimeoutResult> sender = spawn("sender", () -> tx.sendTimeout(room, WAIT)).awaitBlocked();
            assertEquals(flavor.isRendezvous() ? room : 0, rx.recvTimeout(WAIT).value());
            assertEquals(SendTimeoutResult.OK, sender.get());
        }
        drain(rx);
        rx.close();
        assertEquals(SendTimeoutResult.DISCONNECTED, tx.sendTimeout(-1, SHORT));
        assertEquals(SendTimeoutResult.DISCONNECTED, tx.sendDeadline(-1, Instant.now().plus(SHORT)));
    }

    // "sendTimeout ... TIMEOUT leaves no trace"; crossbeam array.rs `send_timeout` (Timeout(3) not sent)
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void timed_out_send_did_not_enqueue(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(0);
        fill(tx, room);
        assertEquals(SendTimeoutResult.TIMEOUT, tx.sendTimeout(-1, SHORT));
        assertEquals(SendTimeoutResult.TIMEOUT, tx.sendDeadline(-2, Instant.now().plus(SHORT)));
        assertEquals(room, rx.len());
        for (int i = 0; i < room; i++) {
            assertEquals(i, rx.tryRecv().value());
        }
        assertTrue(rx.tryRecv().isEmpty());                   // a rendezvous has no waiting sender left
        assertTrue(rx.recvTimeout(SHORT).isTimeout());        // and no ghost message shows up later
    }

    // timed send with a zero or negative timeout does not wait but still sends when it can
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_timeout_zero_or_negative_does_not_wait(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (flavor.buffers()) {
            assertEquals(SendTimeoutResult.OK, tx.sendTimeout(1, Duration.ZERO));
            assertEquals(1, rx.tryRecv().value());
            assertEquals(SendTimeoutResult.OK, tx.sendTimeout(2, Duration.ofSeconds(-5)));
            assertEquals(2, rx.tryRecv().value());
            assertEquals(SendTimeoutResult.OK, tx.sendDeadline(3, Instant.now().minusSeconds(5)));
            assertEquals(3, rx.tryRecv().value());
        }
        fill(tx, flavor.isUnbounded() ? 0 : flavor.room(0));
        SendTimeoutResult expected = flavor.isUnbounded() ? SendTimeoutResult.OK : SendTimeoutResult.TIMEOUT;
        assertEquals(expected, tx.sendTimeout(4, Duration.ZERO));
        assertEquals(expected, tx.sendTimeout(5, Duration.ofNanos(-1)));
        assertEquals(expected, tx.sendTimeout(6, Duration.ofSeconds(Long.MIN_VALUE)));
        assertEquals(expected, tx.sendDeadline(7, Instant.now()));
        assertEquals(expected, tx.sendDeadline(8, Instant.MIN));
    }

    // an available receiver wins over an expired timeout (rendezvous: a waiting receiver)
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void send_timeout_zero_pairs_with_waiting_receiver(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Spawned<Integer> r1 = spawn("receiver-1", ch.receiver()::recv).awaitBlocked();
        assertEquals(SendTimeoutResult.OK, tx.sendTimeout(1, Duration.ZERO));
        assertEquals(1, r1.get());
        Spawned<Integer> r2 = spawn("receiver-2", ch.receiver()::recv).awaitBlocked();
        assertEquals(SendTimeoutResult.OK, tx.sendDeadline(2, Instant.MIN));
        assertEquals(2, r2.get());
    }

    // "A huge timeout means wait forever (no overflow)"; std tests.rs `very_long_recv_timeout_wont_panic`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_timeout_huge_waits_forever(TestFlavor flavor) throws Exception {
        for (int variant = 0; variant < 3; variant++) {
            Channel<Integer> ch = flavor.create();
            Sender<Integer> tx = ch.sender();
            Receiver<Integer> rx = ch.receiver();
            int room = flavor.room(0);
            fill(tx, room);
            int v = variant;
            CountDownLatch started = new CountDownLatch(1);
            Spawned<SendTimeoutResult> sender = spawn("sender", () -> {
                started.countDown();
                switch (v) {
                    case 0: return tx.sendTimeout(-1, Duration.ofSeconds(Long.MAX_VALUE));
                    case 1: return tx.sendTimeout(-1, Duration.ofSeconds(Long.MAX_VALUE, 999_999_999));
                    default: return tx.sendDeadline(-1, Instant.MAX);
                }
            });
            assertTrue(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            if (flavor.isUnbounded()) {
                assertEquals(SendTimeoutResult.OK, sender.get());      // never waits at all
                continue;
            }
            // An overflow would turn the deadline into the past: TIMEOUT at once instead of waiting.
            sender.awaitBlocked();
            List<Integer> got = new ArrayList<>();
            for (int i = 0; i <= room; i++) {
                got.add(rx.recvTimeout(WAIT).value());
            }
            assertEquals(SendTimeoutResult.OK, sender.get());
            assertEquals(-1, got.get(room));
        }
    }

    // crossbeam array.rs, zero.rs, list.rs `send_after_disconnect`; std tests.rs `smoke_port_gone`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_after_disconnect(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        fill(tx, flavor.room(3));
        ch.receiver().close();
        SendDisconnectedException e = assertThrows(SendDisconnectedException.class, () -> tx.send(4));
        assertEquals(4, (Integer) e.message());                 // the message is handed back
        assertNull(e.getCause());
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(5));
        assertEquals(SendTimeoutResult.DISCONNECTED, tx.sendTimeout(6, WAIT));      // does not wait
        assertEquals(SendTimeoutResult.DISCONNECTED, tx.sendDeadline(7, Instant.MAX));
    }

    // std tests.rs `smoke_shared_port_gone2`: a clone of the sender fails too
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_after_disconnect_on_clone(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        ch.receiver().close();
        Sender<Integer> tx2 = ch.sender().clone();
        ch.sender().close();
        SendDisconnectedException e = assertThrows(SendDisconnectedException.class, () -> tx2.send(1));
        assertSame(Integer.valueOf(1), e.message());
    }

    // crossbeam array.rs, zero.rs `disconnect_wakes_sender`; the rule "also when that happens while blocked"
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void disconnect_wakes_sender(TestFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create();
        Sender<String> tx = ch.sender();
        for (int i = 0; i < flavor.room(0); i++) {
            tx.send("buffered");
        }
        Spawned<Void> sender = run("sender", () -> tx.send("blocked")).awaitBlocked();
        ch.receiver().close();
        SendDisconnectedException e = sender.failure(SendDisconnectedException.class);
        assertEquals("blocked", e.message());
    }

    // disconnect_wakes_sender for the timed forms: a waiting sendTimeout/sendDeadline reports DISCONNECTED
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void disconnect_wakes_timed_sender(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx2 = ch.receiver().clone();
        fill(tx, flavor.room(0));
        Spawned<SendTimeoutResult> s1 = spawn("sendTimeout", () -> tx.sendTimeout(-1, WAIT.multipliedBy(10)));
        Spawned<SendTimeoutResult> s2 = spawn("sendDeadline", () -> tx.sendDeadline(-2, Instant.MAX));
        s1.awaitBlocked();
        s2.awaitBlocked();
        ch.receiver().close();                     // not the last receiver: both keep waiting
        assertFalse(s1.isDone());
        assertFalse(s2.isDone());
        rx2.close();
        assertEquals(SendTimeoutResult.DISCONNECTED, s1.get());
        assertEquals(SendTimeoutResult.DISCONNECTED, s2.get());
    }

    // closeChannel(): "other senders fail", blocked ones too
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void close_channel_wakes_blocked_sender(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Sender<Integer> other = tx.clone();
        fill(tx, flavor.room(0));
        Spawned<Void> sender = run("sender", () -> other.send(42)).awaitBlocked();
        IllegalStateException cause = new IllegalStateException("producer failed");
        tx.closeChannel(cause);
        SendDisconnectedException e = sender.failure(SendDisconnectedException.class);
        assertEquals(42, (Integer) e.message());
        assertSame(cause, e.getCause());
    }

    // std tests.rs `port_gone_concurrent`, `port_gone_concurrent_shared`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void port_gone_concurrent(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Sender<Integer> tx2 = tx.clone();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Integer> receiver = spawn("receiver", () -> {
            try (rx) {
                return rx.recv();
            }
        });
        try {
            for (;;) {                              // sends until the receiver is gone
                tx.send(1);
                tx2.send(1);
            }
        } catch (SendDisconnectedException expected) {
            assertEquals(1, (Integer) expected.message());
        }
        assertEquals(1, receiver.get());
    }
}
