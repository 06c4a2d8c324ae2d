package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.fill;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HandleConformanceTest: handle counting (the semantics contract, rows {@code Sender: Clone},
 * {@code drop(tx)}, {@code mpmc::Receiver: Clone}, {@code drop(rx)}): clones, idempotent close,
 * disconnection by the last handle of a side, competing receivers, and the discard hook that
 * stands in for Rust's {@code Drop} of buffered messages.
 */
@Timeout(10)
class HandleConformanceTest {

    // std tests.rs `smoke_shared`, `drop_full_shared`; the rule "clones keep it open"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void sender_clone_keeps_channel_open(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Sender<Integer> clone = ch.sender().clone();
        assertTrue(clone.sameChannel(ch.sender()));
        ch.sender().close();
        assertTrue(ch.sender().isClosed());
        assertFalse(clone.isClosed());
        assertFalse(rx.isDisconnected());
        assertTrue(rx.tryRecv().isEmpty());
        Spawned<Integer> receiver = spawn("receiver", rx::recv);
        clone.send(1);
        assertEquals(1, receiver.get());
        clone.close();
        assertTrue(rx.isDisconnected());
        assertTrue(rx.tryRecv().isDisconnected());
    }

    // "Each handle closes once (idempotent)": closing a handle twice releases one count
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_is_idempotent(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx2 = ch.sender().clone();
        Receiver<Integer> rx2 = ch.receiver().clone();
        for (int i = 0; i < 3; i++) {
            ch.sender().close();
            ch.receiver().close();
        }
        assertFalse(tx2.isDisconnected());
        assertTrue(rx2.tryRecv().isEmpty());                          // tx2 still counts
        TrySendResult expected = flavor.isRendezvous() ? TrySendResult.FULL : TrySendResult.OK;
        assertEquals(expected, tx2.trySend(1));                        // rx2 still counts
        tx2.close();
        tx2.close();
        rx2.close();
        rx2.close();
        assertTrue(tx2.isClosed() && rx2.isClosed());
    }

    // cloned receivers compete, each message goes to exactly one; std `stress_shared` shape
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void cloned_receivers_compete(TestFlavor flavor) throws Exception {
        int count = TestSupport.scaled(5_000, 100_000);
        Channel<Integer> ch = flavor.create();
        AtomicIntegerArray seen = new AtomicIntegerArray(count);
        List<Spawned<Integer>> receivers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Receiver<Integer> rx = ch.receiver().clone();
            receivers.add(spawn("receiver-" + r, () -> {
                int n = 0;
                try (rx) {
                    for (int msg : rx) {
                        seen.incrementAndGet(msg);
                        n++;
                    }
                }
                return n;
            }));
        }
        ch.receiver().close();                  // only the clones receive
        try (Sender<Integer> tx = ch.sender()) {
            for (int i = 0; i < count; i++) {
                tx.send(i);
            }
        }
        int total = 0;
        for (Spawned<Integer> r : receivers) {
            total += r.get();
        }
        assertEquals(count, total);
        for (int i = 0; i < count; i++) {
            assertEquals(1, seen.get(i), "message " + i);
        }
    }

    // closing one receiver clone neither disconnects senders nor discards messages
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void receiver_clone_keeps_channel_open(TestFlavor flavor) throws Exception {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = flavor.create(discarded::add);
        Receiver<Integer> rx2 = ch.receiver().clone();
        int buffered = Math.min(flavor.room(4), 4);
        fill(ch.sender(), buffered);
        ch.receiver().close();
        assertTrue(discarded.isEmpty());
        assertFalse(ch.sender().isDisconnected());
        for (int i = 0; i < buffered; i++) {
            assertEquals(i, rx2.tryRecv().value());
        }
        Spawned<Void> sender = run("sender", () -> ch.sender().send(99));
        assertEquals(99, rx2.recvTimeout(WAIT).value());
        sender.get();
    }

    // last receiver closes -> senders fail at once, buffered messages are discarded through
    // the hook exactly once each (crossbeam array.rs, list.rs `drops`: buffered messages are dropped)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void last_receiver_close_discards_buffered_messages(TestFlavor flavor) {
        List<Integer> discarded = Collections.synchronizedList(new ArrayList<>());
        Channel<Integer> ch = flavor.create(discarded::add);
        Receiver<Integer> rx2 = ch.receiver().clone();
        int buffered = Math.min(flavor.room(40), 40);   // 40 > 31 crosses an unbounded block boundary
        fill(ch.sender(), buffered);
        int taken = 0;
        if (buffered > 0) {
            assertEquals(0, rx2.tryRecv().value());          // received: not the hook's business
            taken = 1;
        }
        ch.receiver().close();
        assertTrue(discarded.isEmpty());
        rx2.close();
        List<Integer> expected = new ArrayList<>();
        for (int i = taken; i < buffered; i++) {
            expected.add(i);
        }
        assertEquals(expected, discarded);                   // each once, in channel order
        assertEquals(0, ch.sender().len());
        assertEquals(TrySendResult.DISCONNECTED, ch.sender().trySend(100));
        assertThrows(SendDisconnectedException.class, () -> ch.sender().send(101));
        assertEquals(expected, discarded);                    // a refused message is handed back, not discarded
        rx2.close();
        assertEquals(expected, discarded);                    // idempotent: nothing discarded twice
    }

    // crossbeam array.rs, list.rs, zero.rs `drops`: received messages are the receiver's, the rest are
    // discarded exactly once when the last receiver closes (also after the senders closed)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void drops(TestFlavor flavor) throws Exception {
        Random random = new Random(42);
        int runs = TestSupport.scaled(20, 100);
        for (int run = 0; run < runs; run++) {
            int steps = random.nextInt(TestSupport.scaled(1_000, 10_000));
            int additional = Math.min(random.nextInt(50), flavor.room(50));
            ConcurrentLinkedQueue<Integer> discarded = new ConcurrentLinkedQueue<>();
            Channel<Integer> ch = flavor.create(discarded::add);
            Sender<Integer> tx = ch.sender();
            Receiver<Integer> rx = ch.receiver();
            Spawned<Void> receiver = run("receiver", () -> {
                for (int i = 0; i < steps; i++) {
                    assertEquals(i, rx.recv());
                }
            });
            for (int i = 0; i < steps; i++) {
                tx.send(i);
            }
            receiver.get();
            for (int i = 0; i < additional; i++) {
                tx.send(steps + i);
            }
            assertTrue(discarded.isEmpty());
            if (random.nextBoolean()) {
                tx.close();                                  // senders first: messages stay receivable
            }
            rx.close();
            tx.close();
            Integer[] expected = new Integer[additional];
            for (int i = 0; i < additional; i++) {
                expected[i] = steps + i;
            }
            assertArrayEquals(expected, discarded.toArray(new Integer[0]), "run " + run);
        }
    }

    // crossbeam array.rs, list.rs `panic_on_drop`: a throwing discard hook still sees every message,
    // and close() rethrows the first exception (later ones suppressed) after discarding them all
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void discard_hook_throwing(TestFlavor flavor) {
        List<Integer> seen = new ArrayList<>();
        Channel<Integer> ch = flavor.create(msg -> {
            seen.add(msg);
            if (msg % 2 == 0) {
                throw new IllegalStateException("cannot release " + msg);
            }
        });
        fill(ch.sender(), 5);
        IllegalStateException e = assertThrows(IllegalStateException.class, ch.receiver()::close);
        assertEquals("cannot release 0", e.getMessage());
        assertEquals(2, e.getSuppressed().length);
        assertEquals("cannot release 2", e.getSuppressed()[0].getMessage());
        assertEquals("cannot release 4", e.getSuppressed()[1].getMessage());
        assertEquals(List.of(0, 1, 2, 3, 4), seen);
        assertTrue(ch.receiver().isClosed());
        ch.receiver().close();                               // already closed: no second attempt
        assertEquals(5, seen.size());
        assertEquals(TrySendResult.DISCONNECTED, ch.sender().trySend(6));
        assertEquals(5, seen.size());
    }

    // Rendezvous: nothing is ever buffered, so nothing is discarded; a blocked sender gets its message back
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void rendezvous_discards_nothing(TestFlavor flavor) throws Exception {
        List<Integer> discarded = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = flavor.create(discarded::add);
        Spawned<Void> sender = run("sender", () -> ch.sender().send(7)).awaitBlocked();
        ch.receiver().close();
        assertEquals(7, (Integer) sender.failure(SendDisconnectedException.class).message());
        assertTrue(discarded.isEmpty());
    }

    // The discard hook runs on the thread that closes the last receiver (Channel.bounded(int, Consumer))
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16", "UNBOUNDED"})
    void discard_hook_runs_on_closing_thread(TestFlavor flavor) throws Exception {
        List<Thread> threads = new CopyOnWriteArrayList<>();
        Channel<Integer> ch = flavor.create(m -> threads.add(Thread.currentThread()));
        ch.sender().send(1);
        Receiver<Integer> rx = ch.receiver();
        Spawned<Thread> closer = spawn("closer", () -> {
            rx.close();
            return Thread.currentThread();
        });
        assertEquals(List.of(closer.get()), threads);
    }

    // std tests.rs `oneshot_multi_thread_close_stress`, `oneshot_multi_thread_send_close_stress`:
    // closing both sides concurrently, with a send in flight, discards or delivers each message once
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_race_discards_exactly_once(TestFlavor flavor) throws Exception {
        int rounds = TestSupport.scaled(300, 5_000);
        for (int round = 0; round < rounds; round++) {
            ConcurrentLinkedQueue<Integer> discarded = new ConcurrentLinkedQueue<>();
            Channel<Integer> ch = flavor.create(discarded::add);
            Sender<Integer> tx = ch.sender();
            Receiver<Integer> rx = ch.receiver();
            Spawned<Void> closer = run("closer", rx::close);
            boolean sent;
            try {
                tx.send(round);
                sent = true;                     // buffered (then discarded) or, rendezvous, impossible
            } catch (SendDisconnectedException e) {
                assertEquals(round, (Integer) e.message());
                sent = false;
            }
            tx.close();
            closer.get();
            if (sent) {
                assertEquals(List.of(round), new ArrayList<>(discarded), "round " + round);
            } else {
                assertTrue(discarded.isEmpty(), "round " + round);
            }
        }
    }

    // Closing a handle: a thread blocked on a handle that another thread closes
    // wakes with IllegalStateException naming the closed handle, whether or not clones keep the
    // channel open; nothing was received, and the channel still holds what it held
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_wakes_a_receiver_blocked_on_that_handle_while_clones_stay_open(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Receiver<Integer> other = rx.clone();
        Spawned<Integer> receiver = spawn("receiver", rx::recv).awaitBlocked();
        rx.close();
        IllegalStateException e = receiver.failure(IllegalStateException.class);
        assertTrue(e.getMessage().contains("Receiver was closed"), e.getMessage());
        assertFalse(ch.sender().isDisconnected());           // the clone keeps the channel open
        if (flavor.room(1) == 0) {                            // rendezvous: the send waits for `other`
            Spawned<Void> late = run("sender", () -> ch.sender().send(7)).awaitBlocked();
            assertEquals(7, other.recvTimeout(WAIT).value());  // nothing went to the closed handle
            late.get();
        } else {
            ch.sender().send(7);
            assertEquals(7, other.recvTimeout(WAIT).value());
        }
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_wakes_a_timed_receiver_blocked_on_that_handle(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Receiver<Integer> other = rx.clone();
        Spawned<RecvTimeoutResult<Integer>> receiver = spawn("receiver", () -> rx.recvTimeout(Duration.ofMinutes(5)))
                .awaitBlocked();
        rx.close();
        receiver.failure(IllegalStateException.class);
        other.close();
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_wakes_a_sender_blocked_on_that_handle_while_clones_stay_open(TestFlavor flavor) throws Exception {
        assumeTrue(flavor.sendCanBlock(), "unbounded sends never wait");
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Sender<Integer> other = tx.clone();
        fill(tx, flavor.room(0));
        Spawned<Void> sender = run("sender", () -> tx.send(-1)).awaitBlocked();
        tx.close();
        IllegalStateException e = sender.failure(IllegalStateException.class);
        assertTrue(e.getMessage().contains("Sender was closed"), e.getMessage());
        other.close();                                        // now the last sender: drain, then disconnect
        List<Integer> left = TestSupport.drain(ch.receiver());
        assertEquals(flavor.room(0), left.size());
        assertFalse(left.contains(-1));                       // the aborted send did not happen
    }

    // The same outcome when the closed handle is the last one of its side: the blocked call fails
    // because its own handle closed, not with the disconnection the close causes for others
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_of_the_last_handle_wakes_its_blocked_call_with_the_closed_handle(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Integer> receiver = spawn("receiver", rx::recv).awaitBlocked();
        rx.close();
        receiver.failure(IllegalStateException.class);
        assertEquals(TrySendResult.DISCONNECTED, ch.sender().trySend(1));
        if (flavor.sendCanBlock()) {
            Channel<Integer> ch2 = flavor.create();
            Sender<Integer> tx = ch2.sender();
            fill(tx, flavor.room(0));
            Spawned<Void> sender = run("sender", () -> tx.send(-1)).awaitBlocked();
            tx.close();
            sender.failure(IllegalStateException.class);
            assertEquals(flavor.room(0), drainCount(ch2.receiver()));
        }
    }

    private static int drainCount(Receiver<Integer> rx) {
        return TestSupport.drain(rx).size();
    }

    // Sender.closeChannel: "Also closes this handle"; a later closeChannel on the same handle is use-after-close
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void close_channel_closes_the_handle(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        tx.closeChannel();
        assertTrue(tx.isClosed());
        tx.close();                                         // idempotent
        assertThrows(IllegalStateException.class, tx::closeChannel);
        assertTrue(ch.receiver().tryRecv().isDisconnected());
    }
}
