package dev.sluice;

import static dev.sluice.TestSupport.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.TestSupport.Spawned;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * LeakedHandleTest: the Cleaner fallback for handles that become unreachable without
 * {@code close()} (the rule for leaked handles): a forgotten sender cannot hang a
 * receiver forever, and a forgotten receiver cannot hang a blocked sender forever.
 *
 * <p>Handles are created and dropped in separate methods so that no local variable keeps them
 * reachable. Garbage collection is requested in a bounded loop ({@code System.gc()} plus a short
 * timed receive, up to {@link #GC_PATIENCE}); the JVM gives no stronger guarantee, which is why the
 * Javadoc calls this a fallback, not a way to close.
 */
@Timeout(30)
class LeakedHandleTest {
    private static final Duration GC_PATIENCE = Duration.ofSeconds(10);

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void leaked_sender_disconnects_receiver(TestFlavor flavor) throws Exception {
        Receiver<Integer> rx = receiverWithLeakedSender(flavor);
        long deadline = System.nanoTime() + GC_PATIENCE.toNanos();
        int received = 0;
        for (;;) {
            System.gc();
            RecvTimeoutResult<Integer> r = rx.recvTimeout(Duration.ofMillis(50));
            if (r.isValue()) {
                assertEquals(received, r.value());             // buffered messages come first
                received++;
            } else if (r.isDisconnected()) {
                break;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("the leaked sender was not released within " + GC_PATIENCE);
            }
        }
        assertEquals(flavor.buffers() ? Math.min(flavor.room(3), 3) : 0, received);
        assertTrue(rx.tryRecv().isDisconnected());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void leaked_sender_wakes_blocked_receiver(TestFlavor flavor) throws Exception {
        Receiver<Integer> rx = receiverWithEmptyLeakedSender(flavor);
        Spawned<Integer> receiver = TestSupport.spawn("receiver", rx::recv).awaitBlocked();
        awaitWithGc(receiver);
        receiver.failure(DisconnectedException.class);
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void leaked_receiver_wakes_blocked_sender(TestFlavor flavor) throws Exception {
        Sender<Integer> tx = senderWithLeakedReceiver(flavor);
        Spawned<Void> sender = run("sender", () -> tx.send(-1)).awaitBlocked();
        awaitWithGc(sender);
        SendDisconnectedException e = sender.failure(SendDisconnectedException.class);
        assertEquals(-1, (Integer) e.message());
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(0));
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void leaked_receiver_disconnects_sender(TestFlavor flavor) throws Exception {
        ReferenceQueue<Object> collected = new ReferenceQueue<>();
        List<Object> refs = new ArrayList<>();                  // keeps the WeakReference itself alive
        Sender<Integer> tx = senderWithLeakedReceiver(flavor, collected, refs);
        long deadline = System.nanoTime() + GC_PATIENCE.toNanos();
        // wait for the event "the receiver was collected", requesting GC meanwhile
        while (collected.remove(50) == null) {
            System.gc();
            if (System.nanoTime() - deadline > 0) {
                fail("the leaked receiver was not collected within " + GC_PATIENCE);
            }
        }
        // the Cleaner thread releases it right after: poll the snapshot (bounded)
        while (!tx.isDisconnected()) {
            if (System.nanoTime() - deadline > 0) {
                fail("the leaked receiver was not released within " + GC_PATIENCE);
            }
            Thread.yield();
        }
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(1));
        assertEquals(1, refs.size());
    }

    // A handle that was closed and then collected releases its count once only: the clone that is
    // still open keeps the channel connected
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void closed_then_collected_handle_releases_once(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> survivor = ch.sender().clone();
        WeakReference<Sender<Integer>> collected = closedClone(survivor);
        long deadline = System.nanoTime() + GC_PATIENCE.toNanos();
        while (collected.get() != null) {
            System.gc();
            assertTrue(ch.receiver().recvTimeout(Duration.ofMillis(10)).isTimeout());
            if (System.nanoTime() - deadline > 0) {
                fail("the closed clone was not collected within " + GC_PATIENCE);
            }
        }
        for (int i = 0; i < 5; i++) {                           // give a wrong second release a chance
            System.gc();
            assertTrue(ch.receiver().recvTimeout(Duration.ofMillis(10)).isTimeout());
        }
        assertFalse(ch.receiver().isDisconnected());
        ch.sender().close();
        survivor.close();
        assertTrue(ch.receiver().tryRecv().isDisconnected());
    }

    /** Returns the receiver of a channel whose only sender (with a few buffered messages) is dropped unclosed. */
    private static Receiver<Integer> receiverWithLeakedSender(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender().clone();
        ch.sender().close();                                    // only the clone remains, and it leaks
        if (flavor.buffers()) {
            TestSupport.fill(tx, Math.min(flavor.room(3), 3));
        }
        return ch.receiver();
    }

    private static Receiver<Integer> receiverWithEmptyLeakedSender(TestFlavor flavor) {
        return flavor.<Integer>create().receiver();
    }

    /** Returns a sender (full if bounded) whose channel's only receiver is dropped unclosed. */
    private static Sender<Integer> senderWithLeakedReceiver(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        TestSupport.fill(ch.sender(), flavor.room(3));
        return ch.sender();
    }

    /** The same, registering the leaked receiver with {@code queue} to learn when it is collected. */
    private static Sender<Integer> senderWithLeakedReceiver(TestFlavor flavor, ReferenceQueue<Object> queue,
                                                           List<Object> refs) {
        Channel<Integer> ch = flavor.create();
        TestSupport.fill(ch.sender(), flavor.room(3));
        refs.add(new WeakReference<Object>(ch.receiver(), queue));
        return ch.sender();
    }

    private static WeakReference<Sender<Integer>> closedClone(Sender<Integer> survivor) {
        Sender<Integer> clone = survivor.clone();
        clone.close();
        return new WeakReference<>(clone);
    }

    /** Requests GC until {@code spawned} finishes (bounded by {@link #GC_PATIENCE}). */
    private static void awaitWithGc(Spawned<?> spawned) throws InterruptedException {
        long deadline = System.nanoTime() + GC_PATIENCE.toNanos();
        while (!spawned.isDone()) {
            System.gc();
            spawned.thread.join(50);
            if (System.nanoTime() - deadline > 0) {
                fail("the leaked handle was not released within " + GC_PATIENCE);
            }
        }
    }
}
