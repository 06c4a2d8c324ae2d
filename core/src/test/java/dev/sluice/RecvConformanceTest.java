package dev.sluice;

import static dev.sluice.TestSupport.SHORT;
import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.fill;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
 * RecvConformanceTest: the receiving rows of the semantics contract (the semantics contract):
 * {@code recv}, {@code tryRecv}, {@code recvTimeout}, {@code recvDeadline}, disconnection as seen
 * by receivers, and {@code closeChannel(cause)}, for every flavor.
 *
 * <p>Each test names the behaviour and points at the Rust test of the same name (crossbeam-channel
 * {@code tests/*.rs}, Rust std {@code library/std/src/sync/mpsc/tests.rs}).
 */
@Timeout(10)
class RecvConformanceTest {

    // crossbeam array.rs, list.rs `smoke` (buffered); zero.rs `smoke` (rendezvous); std tests.rs `smoke`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void smoke(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (flavor.isRendezvous()) {
            assertEquals(TrySendResult.FULL, tx.trySend(7));
            assertTrue(rx.tryRecv().isEmpty());
            return;
        }
        tx.send(7);
        assertEquals(7, rx.tryRecv().value());
        tx.send(8);
        assertEquals(8, rx.recv());
        assertTrue(rx.tryRecv().isEmpty());
        assertTrue(rx.recvTimeout(SHORT).isTimeout());
    }

    // crossbeam array.rs, zero.rs, list.rs `try_recv`; std tests.rs `oneshot_single_thread_peek_data`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void try_recv(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        assertTrue(rx.tryRecv().isEmpty());
        Spawned<Void> sender = run("sender", () -> {
            try (tx) {
                tx.send(7);
            }
        });
        TryRecvResult<Integer> r = pollUntilNotEmpty(rx);
        assertEquals(7, r.value());
        sender.get();                                   // the sender has closed its handle
        TryRecvResult<Integer> last = rx.tryRecv();
        assertTrue(last.isDisconnected());
        assertNull(((TryRecvResult.Disconnected<Integer>) last).cause());
    }

    // std tests.rs `try_recv_states`: Empty, then a value, then Empty, then Disconnected
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void try_recv_states(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Sender<Integer> tx = ch.sender();
        assertTrue(rx.tryRecv().isEmpty());
        Spawned<Void> sender = run("sender", () -> tx.send(1));
        assertEquals(1, pollUntilNotEmpty(rx).value());
        sender.get();
        assertTrue(rx.tryRecv().isEmpty());
        tx.close();
        assertTrue(rx.tryRecv().isDisconnected());
        assertTrue(rx.tryRecv().isDisconnected());      // std `oneshot_single_thread_peek_close`: stays so
    }

    // crossbeam array.rs, zero.rs, list.rs `recv`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> sender = run("sender", () -> {
            try (tx) {
                tx.send(7);
                tx.send(8);
                tx.send(9);
            }
        });
        assertEquals(7, rx.recv());
        assertEquals(8, rx.recv());
        assertEquals(9, rx.recv());
        DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
        assertNull(e.getCause());
        assertFalse(e instanceof SendDisconnectedException);
        sender.get();
    }

    // "recv blocks while empty and a sender is open"; std tests.rs `oneshot_multi_task_recv_then_send`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_blocks_while_empty(TestFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create();
        Spawned<String> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        ch.sender().send("late");
        assertEquals("late", receiver.get());
    }

    // crossbeam array.rs, zero.rs, list.rs `recv_timeout`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_timeout(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        CountDownLatch go = new CountDownLatch(1);
        Spawned<Void> sender = run("sender", () -> {
            try (tx) {
                assertTrue(go.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
                tx.send(7);
            }
        });
        assertTrue(rx.recvTimeout(SHORT).isTimeout());
        assertTrue(rx.recvDeadline(Instant.now().plus(SHORT)).isTimeout());
        go.countDown();
        assertEquals(7, rx.recvTimeout(WAIT).value());
        RecvTimeoutResult<Integer> last = rx.recvTimeout(WAIT);
        assertTrue(last.isDisconnected());
        assertNull(((RecvTimeoutResult.Disconnected<Integer>) last).cause());
        assertTrue(rx.recvDeadline(Instant.MAX).isDisconnected());
        sender.get();
    }

    // std tests.rs `recv_timeout_upgrade`: a timed-out receive waited at least the timeout
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_timeout_waits_at_least_the_timeout(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> keepOpen = ch.sender().clone();
        long start = System.nanoTime();
        assertTrue(ch.receiver().recvTimeout(SHORT).isTimeout());
        assertTrue(System.nanoTime() - start >= SHORT.toNanos());
        Instant deadline = Instant.now().plus(SHORT);
        assertTrue(ch.receiver().recvDeadline(deadline).isTimeout());
        assertFalse(Instant.now().isBefore(deadline));
        keepOpen.close();
    }

    // "recvTimeout: an available message wins over an expired (zero) timeout";
    // std tests.rs `oneshot_single_thread_recv_timeout`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_timeout_available_message_wins_over_expired_timeout(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        List<ThrowingTimedRecv> expired = List.of(
                () -> rx.recvTimeout(Duration.ZERO),
                () -> rx.recvTimeout(Duration.ofMillis(-1)),
                () -> rx.recvTimeout(Duration.ofSeconds(Long.MIN_VALUE)),
                () -> rx.recvDeadline(Instant.now().minusSeconds(1)),
                () -> rx.recvDeadline(Instant.MIN));
        int i = 0;
        for (ThrowingTimedRecv recv : expired) {
            int msg = i++;
            if (flavor.buffers()) {
                tx.send(msg);
                assertEquals(msg, recv.call().value());
            } else {
                Spawned<Void> sender = run("sender", () -> tx.send(msg)).awaitBlocked();
                assertEquals(msg, recv.call().value());      // a waiting sender is "available"
                sender.get();
            }
            assertTrue(recv.call().isTimeout());               // nothing left: does not wait
        }
    }

    // a timed-out receive leaves no trace: it consumed nothing and left no waiting receiver
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void timed_out_recv_did_not_consume(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        assertTrue(rx.recvTimeout(SHORT).isTimeout());
        assertTrue(rx.recvDeadline(Instant.now().plus(SHORT)).isTimeout());
        if (flavor.buffers()) {
            tx.send(1);
            assertEquals(1, rx.len());
            assertEquals(1, rx.tryRecv().value());
        } else {
            assertEquals(TrySendResult.FULL, tx.trySend(1));   // no ghost receiver is waiting
            assertEquals(SendTimeoutResult.TIMEOUT, tx.sendTimeout(2, SHORT));
        }
        assertTrue(rx.tryRecv().isEmpty());
    }

    // "A huge timeout means wait forever"; std tests.rs `very_long_recv_timeout_wont_panic`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_timeout_huge_waits_forever(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        List<ThrowingTimedRecv> forever = List.of(
                () -> rx.recvTimeout(Duration.ofSeconds(Long.MAX_VALUE)),
                () -> rx.recvTimeout(Duration.ofSeconds(Long.MAX_VALUE, 999_999_999)),
                () -> rx.recvTimeout(Duration.ofDays(365L * 300)),
                () -> rx.recvDeadline(Instant.MAX));
        int i = 0;
        for (ThrowingTimedRecv recv : forever) {
            int msg = i++;
            // An overflow would put the deadline in the past: Timeout at once instead of waiting.
            Spawned<RecvTimeoutResult<Integer>> receiver = spawn("receiver", recv::call).awaitBlocked();
            tx.send(msg);
            assertEquals(msg, receiver.get().value());
        }
    }

    // crossbeam array.rs, list.rs `recv_after_disconnect`; the rule "messages sent before the last
    // sender closed are still delivered; only then ... disconnected, and it never blocks after that"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_after_disconnect(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int buffered = Math.min(flavor.room(3), 3);
        fill(tx, buffered);
        tx.close();
        assertTrue(rx.isDisconnected());
        for (int i = 0; i < buffered; i++) {
            assertEquals(i, i % 2 == 0 ? rx.recv() : rx.tryRecv().value());
        }
        for (int i = 0; i < 100; i++) {                      // never blocks once disconnected
            assertThrows(DisconnectedException.class, rx::recv);
            assertTrue(rx.tryRecv().isDisconnected());
            assertTrue(rx.recvTimeout(WAIT).isDisconnected());
            assertTrue(rx.recvDeadline(Instant.MAX).isDisconnected());
        }
    }

    // crossbeam array.rs, zero.rs, list.rs `disconnect_wakes_receiver`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void disconnect_wakes_receiver(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Integer> blocked = spawn("recv", rx::recv);
        Spawned<RecvTimeoutResult<Integer>> timed = spawn("recvTimeout", () -> rx.recvTimeout(WAIT.multipliedBy(10)));
        Spawned<RecvTimeoutResult<Integer>> deadline = spawn("recvDeadline", () -> rx.recvDeadline(Instant.MAX));
        blocked.awaitBlocked();
        timed.awaitBlocked();
        deadline.awaitBlocked();
        ch.sender().close();
        assertNull(blocked.failure(DisconnectedException.class).getCause());
        assertTrue(timed.get().isDisconnected());
        assertTrue(deadline.get().isDisconnected());
    }

    // std tests.rs `smoke_chan_gone_shared`: the channel disconnects when the LAST sender closes
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void disconnect_waits_for_last_sender_clone(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx2 = ch.sender().clone();
        Sender<Integer> tx3 = tx2.clone();
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        ch.sender().close();
        tx2.close();
        assertFalse(ch.receiver().isDisconnected());
        assertFalse(receiver.isDone());
        tx3.close();
        receiver.failure(DisconnectedException.class);
        assertTrue(ch.receiver().isDisconnected());
    }

    // std tests.rs `chan_gone_concurrent`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void chan_gone_concurrent(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Spawned<Void> sender = run("sender", () -> {
            try (tx) {
                tx.send(1);
                tx.send(2);
            }
        });
        List<Integer> got = new ArrayList<>();
        try {
            for (;;) {
                got.add(ch.receiver().recv());
            }
        } catch (DisconnectedException expected) {
            // every message first, then disconnection
        }
        assertEquals(List.of(1, 2), got);
        sender.get();
    }

    // std tests.rs `shared_recv_timeout`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void shared_recv_timeout(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        List<Spawned<Void>> senders = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            Sender<Integer> tx = ch.sender().clone();
            int id = t;
            senders.add(run("sender-" + t, () -> {
                try (tx) {
                    tx.send(id);
                }
            }));
        }
        int sum = 0;
        for (int t = 0; t < 5; t++) {
            sum += rx.recvTimeout(WAIT).value();
        }
        assertEquals(0 + 1 + 2 + 3 + 4, sum);
        for (Spawned<Void> s : senders) {
            s.get();
        }
        assertTrue(rx.recvTimeout(Duration.ofMillis(1)).isTimeout());   // ch.sender() is still open
        if (flavor.buffers()) {
            ch.sender().send(5);
            assertEquals(5, rx.recvTimeout(Duration.ofMillis(1)).value());
        }
    }

    // the Java rule "errors as end-of-stream": closeChannel(cause) -> buffered messages, then the cause
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_channel_with_cause_after_buffered_messages(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Sender<Integer> other = tx.clone();
        Receiver<Integer> rx = ch.receiver();
        int buffered = Math.min(flavor.room(5), 5);
        fill(tx, buffered);
        RuntimeException cause = new RuntimeException("upstream failed");
        tx.closeChannel(cause);
        assertTrue(tx.isClosed());
        assertFalse(other.isClosed());
        assertTrue(rx.isDisconnected());
        // other senders fail at once, with the cause
        assertEquals(TrySendResult.DISCONNECTED, other.trySend(-1));
        assertEquals(SendTimeoutResult.DISCONNECTED, other.sendTimeout(-1, WAIT));
        SendDisconnectedException se = assertThrows(SendDisconnectedException.class, () -> other.send(-2));
        assertSame(cause, se.getCause());
        assertEquals(-2, (Integer) se.message());
        // receivers drain first
        for (int i = 0; i < buffered; i++) {
            assertEquals(i, rx.recv());
        }
        // then see the cause in every form
        TryRecvResult<Integer> tr = rx.tryRecv();
        assertSame(cause, ((TryRecvResult.Disconnected<Integer>) tr).cause());
        RecvTimeoutResult<Integer> rr = rx.recvTimeout(WAIT);
        assertSame(cause, ((RecvTimeoutResult.Disconnected<Integer>) rr).cause());
        DisconnectedException de = assertThrows(DisconnectedException.class, rx::recv);
        assertSame(cause, de.getCause());
        other.close();
        assertSame(cause, ((TryRecvResult.Disconnected<Integer>) rx.tryRecv()).cause());
    }

    // closeChannel() without a cause: a plain disconnection even though other senders are open
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_channel_without_cause(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> other = ch.sender().clone();
        fill(ch.sender(), Math.min(flavor.room(2), 2));
        ch.sender().closeChannel();
        assertEquals(TrySendResult.DISCONNECTED, other.trySend(9));
        ch.receiver().tryIter().forEach(m -> { });
        DisconnectedException e = assertThrows(DisconnectedException.class, ch.receiver()::recv);
        assertNull(e.getCause());
        assertNull(((TryRecvResult.Disconnected<Integer>) ch.receiver().tryRecv()).cause());
        other.close();
    }

    // Sender.closeChannel(Throwable): "The first cause wins"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_channel_first_cause_wins(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> second = ch.sender().clone();
        RuntimeException first = new RuntimeException("first");
        assertTrue(ch.sender().closeChannel(first));
        assertFalse(second.closeChannel(new RuntimeException("second")));
        assertTrue(second.isClosed());
        assertSame(first, ((TryRecvResult.Disconnected<Integer>) ch.receiver().tryRecv()).cause());
    }

    // closeChannel() then closeChannel(cause) made a receiver see Disconnected(null), then
    // Disconnected(late). The first close decides; a later one changes nothing and says so
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void a_cause_given_after_the_channel_closed_changes_nothing(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> late = ch.sender().clone();
        assertTrue(ch.sender().closeChannel());
        TryRecvResult<Integer> before = ch.receiver().tryRecv();
        assertTrue(before.isDisconnected());
        assertNull(((TryRecvResult.Disconnected<Integer>) before).cause());
        assertFalse(late.closeChannel(new RuntimeException("late")));
        assertTrue(late.isClosed());
        assertNull(((TryRecvResult.Disconnected<Integer>) ch.receiver().tryRecv()).cause());
        DisconnectedException e = assertThrows(DisconnectedException.class, ch.receiver()::recv);
        assertNull(e.getCause());
    }

    // closeChannel(cause) wakes a receiver blocked on an empty channel, with the cause
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_channel_wakes_receiver(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> other = ch.sender().clone();
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        Error cause = new AssertionError("boom");
        ch.sender().closeChannel(cause);
        assertSame(cause, receiver.failure(DisconnectedException.class).getCause());
        other.close();
    }

    /** Polls tryRecv until it returns something other than Empty (bounded by {@link TestSupport#WAIT}). */
    private static <T> TryRecvResult<T> pollUntilNotEmpty(Receiver<T> rx) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            TryRecvResult<T> r = rx.tryRecv();
            if (!r.isEmpty()) {
                return r;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("nothing arrived within " + WAIT);
            }
            Thread.yield();
        }
    }

    @FunctionalInterface
    private interface ThrowingTimedRecv {
        RecvTimeoutResult<Integer> call() throws InterruptedException;
    }
}
