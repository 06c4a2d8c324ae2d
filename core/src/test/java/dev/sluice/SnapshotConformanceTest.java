package dev.sluice;

import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SnapshotConformanceTest: {@code len}, {@code isEmpty}, {@code isFull}, {@code capacity},
 * {@code sameChannel} and {@code isDisconnected} as crossbeam-channel defines them per flavor
 * (the semantics contract, row {@code len, is_empty, ...}): a rendezvous is always empty and full
 * with length 0, a bounded channel is full at its capacity, an unbounded one is never full, and
 * "disconnected" means either side's last handle has closed.
 */
@Timeout(10)
class SnapshotConformanceTest {

    // crossbeam array.rs, zero.rs, list.rs `capacity`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void capacity(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        assertEquals(flavor.expectedCapacity(), ch.sender().capacity());
        assertEquals(flavor.expectedCapacity(), ch.receiver().capacity());
        assertEquals(flavor.expectedCapacity(), ch.sender().clone().capacity());
    }

    // crossbeam array.rs `capacity`: Some(i) for every bounded(i); zero.rs: Some(0) for bounded(0)
    @Test
    void capacity_of_every_small_bound() {
        for (int i = 0; i < 10; i++) {
            Channel<Integer> ch = Channel.bounded(i);
            assertEquals(OptionalInt.of(i), ch.sender().capacity());
            assertEquals(OptionalInt.of(i), ch.receiver().capacity());
        }
        assertEquals(OptionalInt.of(0), Channel.rendezvous().receiver().capacity());
        assertEquals(OptionalInt.empty(), Channel.unbounded().receiver().capacity());
    }

    // crossbeam array.rs, zero.rs, list.rs `len_empty_full`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void len_empty_full(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (flavor.isRendezvous()) {
            assertSnapshot(tx, rx, 0, true, true);
            Spawned<Void> sender = run("sender", () -> tx.send(1)).awaitBlocked();
            assertSnapshot(tx, rx, 0, true, true);           // a waiting sender is not "buffered"
            assertEquals(1, rx.recv());
            sender.get();
            Spawned<Integer> receiver = spawn("receiver", rx::recv).awaitBlocked();
            assertSnapshot(tx, rx, 0, true, true);           // a waiting receiver does not make room
            tx.send(2);
            assertEquals(2, receiver.get());
            assertSnapshot(tx, rx, 0, true, true);
            return;
        }
        int cap = flavor.room(40);                            // unbounded: 40 spans two blocks
        assertSnapshot(tx, rx, 0, true, false);
        for (int i = 1; i <= cap; i++) {
            tx.send(i);
            assertSnapshot(tx, rx, i, false, !flavor.isUnbounded() && i == cap);
        }
        rx.recv();
        assertSnapshot(tx, rx, cap - 1, cap == 1, false);
        for (int i = cap - 1; i > 0; i--) {
            rx.recv();
            assertSnapshot(tx, rx, i - 1, i == 1, false);
        }
    }

    // crossbeam array.rs `len` (concurrent part): a snapshot is always within [0, capacity]
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void len(TestFlavor flavor) throws Exception {
        int count = TestSupport.scaled(20_000, 200_000);
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int max = flavor.isUnbounded() ? count : flavor.room(0);
        Spawned<Void> receiver = run("receiver", () -> {
            for (int i = 0; i < count; i++) {
                assertEquals(i, rx.recv());
                int len = rx.len();
                assertTrue(len >= 0 && len <= max, "len " + len);
            }
        });
        for (int i = 0; i < count; i++) {
            tx.send(i);
            int len = tx.len();
            assertTrue(len >= 0 && len <= max, "len " + len);
        }
        receiver.get();
        assertEquals(0, tx.len());
        assertEquals(0, rx.len());
        assertTrue(rx.isEmpty());
    }

    // crossbeam: is_disconnected is true once either side's last handle is gone (buffered messages remain)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void is_disconnected_after_last_sender(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> clone = ch.sender().clone();
        assertFalse(ch.sender().isDisconnected());
        assertFalse(ch.receiver().isDisconnected());
        if (flavor.buffers()) {
            clone.send(1);
        }
        ch.sender().close();
        assertFalse(ch.receiver().isDisconnected());
        assertFalse(clone.isDisconnected());
        clone.close();
        assertTrue(ch.receiver().isDisconnected());
        assertTrue(clone.isDisconnected());                   // a closed handle still answers snapshots
        if (flavor.buffers()) {
            assertEquals(1, ch.receiver().tryRecv().value()); // disconnected, yet still delivers
        }
        assertTrue(ch.receiver().tryRecv().isDisconnected());
    }

    // crossbeam: is_disconnected after the last receiver closes, seen by senders
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void is_disconnected_after_last_receiver(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> clone = ch.receiver().clone();
        ch.receiver().close();
        assertFalse(ch.sender().isDisconnected());
        clone.close();
        assertTrue(ch.sender().isDisconnected());
        assertTrue(ch.sender().clone().isDisconnected());
    }

    // Rust Sender::same_channel / Receiver::same_channel (crossbeam tests/same_channel.rs), plus the
    // Java cross forms Sender.sameChannel(Receiver) and Receiver.sameChannel(Sender)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void same_channel(TestFlavor flavor) {
        Channel<Integer> a = flavor.create();
        Channel<Integer> b = flavor.create();
        Sender<Integer> txClone = a.sender().clone();
        Receiver<Integer> rxClone = a.receiver().clone();
        assertTrue(a.sender().sameChannel(a.sender()));
        assertTrue(a.sender().sameChannel(txClone));
        assertTrue(txClone.sameChannel(a.sender()));
        assertTrue(a.receiver().sameChannel(rxClone));
        assertTrue(a.sender().sameChannel(rxClone));
        assertTrue(rxClone.sameChannel(txClone));
        assertFalse(a.sender().sameChannel(b.sender()));
        assertFalse(a.receiver().sameChannel(b.receiver()));
        assertFalse(a.sender().sameChannel(b.receiver()));
        assertFalse(a.receiver().sameChannel(b.sender()));
        assertFalse(a.sender().sameChannel((Sender<?>) null));
        assertFalse(a.sender().sameChannel((Receiver<?>) null));
        assertFalse(a.receiver().sameChannel((Sender<?>) null));
        assertFalse(a.receiver().sameChannel((Receiver<?>) null));
        txClone.close();
        assertTrue(txClone.sameChannel(a.receiver()));        // closing does not change identity
    }

    // A rendezvous waiting receiver shows up nowhere in the snapshots except as "a send can pair now"
    @Test
    void rendezvous_snapshots_with_waiters() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        assertEquals(0, ch.sender().len());
        assertTrue(ch.sender().isFull());
        assertEquals(TrySendResult.OK, ch.sender().trySend(5));
        assertEquals(5, receiver.get());
        assertEquals(TrySendResult.FULL, ch.sender().trySend(6));   // that receiver has gone
    }

    private static void assertSnapshot(Sender<?> tx, Receiver<?> rx, int len, boolean empty, boolean full) {
        assertEquals(len, tx.len(), "sender len");
        assertEquals(len, rx.len(), "receiver len");
        assertEquals(empty, tx.isEmpty(), "sender isEmpty");
        assertEquals(empty, rx.isEmpty(), "receiver isEmpty");
        assertEquals(full, tx.isFull(), "sender isFull");
        assertEquals(full, rx.isFull(), "receiver isFull");
    }
}
