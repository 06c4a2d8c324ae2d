package dev.sluice;

import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ArrayFlavorTest: bounded-only behaviour ({@code bounded(n)}, n &ge; 1, {@link ArrayFlavor}):
 * the ring wraps round many laps with FIFO order and exact {@code len}/{@code isFull} snapshots,
 * for capacities on both sides of a power of two (the position word packs
 * {@code {lap | mark | index}} with a mark bit above the next power of two).
 */
@Timeout(20)
class ArrayFlavorTest {

    // crossbeam array.rs `len` (single-threaded part, CAP = 1000, wrapping the ring)
    @Test
    void len() throws Exception {
        int cap = 1000;
        Channel<Integer> ch = Channel.bounded(cap);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        for (int round = 0; round < cap / 10; round++) {
            for (int i = 0; i < 50; i++) {
                tx.send(i);
                assertEquals(i + 1, tx.len());
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(i, rx.recv());
                assertEquals(50 - i - 1, rx.len());
            }
        }
        assertEquals(0, tx.len());
        for (int i = 0; i < cap; i++) {
            tx.send(i);
            assertEquals(i + 1, tx.len());
        }
        assertTrue(tx.isFull());
        for (int i = 0; i < cap; i++) {
            assertEquals(i, rx.recv());
        }
        assertEquals(0, rx.len());
        assertTrue(rx.isEmpty());
    }

    // Many laps round rings of awkward sizes: FIFO, len and isFull stay exact at every step
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 7, 8, 9, 31, 32, 33, 1023})
    void wraps_round_many_laps(int cap) {
        Channel<Integer> ch = Channel.bounded(cap);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int next = 0;
        int expected = 0;
        int laps = Math.max(10, 20_000 / cap);
        for (int lap = 0; lap < laps; lap++) {
            int burst = 1 + (lap * 7) % cap;                      // partial fills shift head and tail
            for (int i = 0; i < burst; i++) {
                assertEquals(TrySendResult.OK, tx.trySend(next++));
            }
            assertEquals(burst, tx.len());
            assertEquals(burst == cap, tx.isFull());
            if (burst == cap) {
                assertEquals(TrySendResult.FULL, tx.trySend(-1));
            }
            for (int i = 0; i < burst; i++) {
                assertEquals(expected++, rx.tryRecv().value());
                assertEquals(burst - i - 1, rx.len());
            }
            assertTrue(rx.isEmpty());
            assertTrue(rx.tryRecv().isEmpty());
        }
    }

    // A large preallocated ring works like a small one
    @Test
    void large_capacity() {
        int cap = 1 << 16;
        Channel<Integer> ch = Channel.bounded(cap);
        TestSupport.fill(ch.sender(), cap);
        assertTrue(ch.sender().isFull());
        assertEquals(TrySendResult.FULL, ch.sender().trySend(cap));
        assertEquals(cap, ch.receiver().len());
        for (int i = 0; i < cap; i++) {
            assertEquals(i, ch.receiver().tryRecv().value());
        }
        assertTrue(ch.receiver().isEmpty());
    }

    // crossbeam array.rs `len` (concurrent part): len stays within [0, cap] while the ring wraps
    @Test
    void len_concurrent() throws Exception {
        int cap = 1000;
        int count = scaled(25_000, 250_000);
        Channel<Integer> ch = Channel.bounded(cap);
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> receiver = run("receiver", () -> {
            for (int i = 0; i < count; i++) {
                assertEquals(i, rx.recv());
                int len = rx.len();
                assertTrue(len >= 0 && len <= cap, "len " + len);
            }
        });
        for (int i = 0; i < count; i++) {
            ch.sender().send(i);
            int len = ch.sender().len();
            assertTrue(len >= 0 && len <= cap, "len " + len);
        }
        receiver.get();
        assertEquals(0, rx.len());
    }

    // Messages claimed before the disconnect mark stay receivable; after it, none are accepted
    @Test
    void disconnect_mark_keeps_buffered_messages() throws Exception {
        Channel<Integer> ch = Channel.bounded(3);
        TestSupport.fill(ch.sender(), 3);
        ch.sender().close();
        assertTrue(ch.receiver().isFull());                       // the mark bit does not disturb len/full
        assertEquals(3, ch.receiver().len());
        for (int i = 0; i < 3; i++) {
            assertEquals(i, ch.receiver().recv());
        }
        assertTrue(ch.receiver().isEmpty());
        assertTrue(ch.receiver().tryRecv().isDisconnected());
    }

    // Full-ring hysteresis (ArrayFlavor's notes): a sender that found the ring full waits during
    // its backoff for about half a ring of room, but one free slot is enough for it to finish:
    // it never needs a second receive. Freed at once (the sender is still spinning) and after it
    // parked; on the small rings the slot it polls also wraps round the end of the ring.
    @ParameterizedTest
    @ValueSource(ints = {4, 16, 1024})
    void full_ring_sender_finishes_when_one_slot_frees(int cap) throws Exception {
        Channel<Integer> ch = Channel.bounded(cap);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 60; round++) {
            for (int i = 0; i < round % 3; i++) {                  // move the tail round the ring
                assertEquals(TrySendResult.OK, tx.trySend(next++));
                assertEquals(expected++, rx.recv());
            }
            while (tx.trySend(next) == TrySendResult.OK) {
                next++;
            }
            int blocked = next++;
            Spawned<Void> sender = run("sender", () -> tx.send(blocked));
            if (round % 2 == 1) {
                sender.awaitBlocked();                             // parked, not spinning
            }
            assertEquals(expected++, rx.recv());                   // one slot, and no more receives
            sender.get();
            assertEquals(cap, rx.len());
            for (int i = 0; i < cap; i++) {
                assertEquals(expected++, rx.recv());               // FIFO, the blocked one last
            }
        }
    }

    // An interrupt while a sender waits for room on a full ring (spinning or parked) sends nothing
    @Test
    void full_ring_interrupted_sender_sends_nothing() throws Exception {
        int cap = 1024;
        Channel<Integer> ch = Channel.bounded(cap);
        TestSupport.fill(ch.sender(), cap);
        for (int round = 0; round < 40; round++) {
            Spawned<Void> sender = run("sender", () -> ch.sender().send(-1));
            if (round % 2 == 1) {
                sender.awaitBlocked();
            }
            sender.thread.interrupt();
            sender.failure(InterruptedException.class);
            assertEquals(cap, ch.receiver().len());
        }
        for (int i = 0; i < cap; i++) {
            assertEquals(i, ch.receiver().tryRecv().value());
        }
        assertTrue(ch.receiver().tryRecv().isEmpty());             // no -1 got in
    }
}
