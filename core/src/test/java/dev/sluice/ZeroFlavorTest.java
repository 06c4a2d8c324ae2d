package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.scaled;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * ZeroFlavorTest: rendezvous-only behaviour ({@code bounded(0)}, {@link ZeroFlavor}) that the
 * shared conformance tests cannot express: independent operations of one thread may pair, waiting operations
 * are paired in arrival order, and the hand-off of the sender's packet survives waiter reuse.
 */
@Timeout(20)
class ZeroFlavorTest {

    // The rendezvous rule: "An operation never pairs with itself; two independent operations of one
    // thread may meet" (crossbeam's rule is about one blocking call or one select). A readiness
    // callback that runs on a thread blocked in send is an operation of its own: its tryRecv takes
    // that thread's message, and the blocked send then returns.
    @Test
    void a_watch_callback_on_a_blocked_sender_thread_may_take_its_message() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Receiver<Integer> rx = ch.receiver();
        AtomicReference<TryRecvResult<Integer>> seenInCallback = new AtomicReference<>();
        AtomicReference<Thread> callbackThread = new AtomicReference<>();
        rx.watchReceivable(() -> {
            callbackThread.set(Thread.currentThread());
            seenInCallback.set(rx.tryRecv());
        });
        Spawned<Void> sender = run("sender", () -> ch.sender().send(1));
        sender.get();                                             // paired with its own callback
        assertEquals(sender.thread, callbackThread.get());
        assertEquals(1, seenInCallback.get().value());
    }

    // The mirror image: a blocked receiver's sendability callback may hand it a message
    @Test
    void a_watch_callback_on_a_blocked_receiver_thread_may_hand_it_a_message() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Sender<Integer> tx = ch.sender();
        AtomicReference<TrySendResult> seenInCallback = new AtomicReference<>();
        tx.watchSendable(() -> seenInCallback.set(tx.trySend(99)));
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv);
        assertEquals(99, receiver.get());
        assertEquals(TrySendResult.OK, seenInCallback.get());
    }

    // Receiver.watchReceivable's Javadoc pattern on a rendezvous: a thread with a pending sendAsync
    // registers a watch, then retries with tryRecv, and receives its own pending message
    @Test
    void register_a_watch_then_retry_delivers_on_one_thread() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        CompletableFuture<Void> sent = ch.sender().sendAsync(5);
        AtomicReference<TryRecvResult<Integer>> retried = new AtomicReference<>();
        ch.receiver().watchReceivable(() -> retried.set(ch.receiver().tryRecv()));
        assertEquals(5, retried.get().value());
        assertTrue(sent.isDone());
        sent.get(1, TimeUnit.SECONDS);
    }

    // ...and the other way round: a pending recvAsync, then a trySend from the same thread
    @Test
    void a_pending_recv_async_receives_the_same_threads_later_try_send() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        CompletableFuture<Integer> next = ch.receiver().recvAsync();
        AtomicReference<TrySendResult> retried = new AtomicReference<>();
        ch.sender().watchSendable(() -> retried.set(ch.sender().trySend(6)));
        assertEquals(TrySendResult.OK, retried.get());
        assertEquals(6, next.get(1, TimeUnit.SECONDS));
    }

    // Senders that wait are paired in the order they started waiting (the Waker's FIFO list);
    // crossbeam zero.rs `fairness` tests select fairness, which Sluice does not have yet
    @Test
    void waiting_senders_are_paired_in_arrival_order() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        List<Spawned<Void>> senders = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            int msg = i;
            senders.add(run("sender-" + i, () -> ch.sender().send(msg)).awaitBlocked());
        }
        for (int i = 0; i < 4; i++) {
            assertEquals(i, ch.receiver().recv());
            senders.get(i).get();
        }
    }

    // The same for waiting receivers
    @Test
    void waiting_receivers_are_paired_in_arrival_order() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        List<Spawned<Integer>> receivers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            receivers.add(spawn("receiver-" + i, ch.receiver()::recv).awaitBlocked());
        }
        for (int i = 0; i < 4; i++) {
            ch.sender().send(i);
            assertEquals(i, receivers.get(i).get());
        }
    }

    // Regression: a receiver selects a waiting sender and takes its packet; the sender, seeing the
    // selection (it spins before parking), returns and may reuse its thread-cached waiter at once.
    // The packet must be taken before the sender can observe the selection, or the receiver gets
    // null (or a later message). A polling receiver meets the sender while it still spins, which
    // is when the window is widest; a blocking receiver is checked too.
    @Test
    void handoff_never_yields_null_or_wrong_message() throws Exception {
        int count = scaled(100_000, 1_000_000);
        Channel<Integer> ch = Channel.rendezvous();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> sender = run("sender", () -> {
            for (int i = 0; i < 2 * count; i++) {
                if (ch.sender().sendTimeout(i, WAIT) != SendTimeoutResult.OK) {
                    return;                                       // the receiver gave up: it reports
                }
            }
        });
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (int i = 0; i < count; i++) {
            TryRecvResult<Integer> r;
            while ((r = rx.tryRecv()).isEmpty()) {
                assertTrue(System.nanoTime() - deadline < 0, "stuck at message " + i);
                Thread.yield();
            }
            assertNotNull(r.value(), "message " + i + " arrived as null");
            assertEquals(i, r.value());
        }
        for (int i = count; i < 2 * count; i++) {
            Integer got = rx.recvTimeout(WAIT).value();
            assertNotNull(got, "message " + i + " arrived as null");
            assertEquals(i, got);
        }
        sender.get();
    }

    // Waiting senders' messages are not counted as buffered; a waiting receiver makes no room
    @Test
    void snapshots_ignore_waiting_operations() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Spawned<Void> s1 = run("s1", () -> ch.sender().send(1)).awaitBlocked();
        Spawned<Void> s2 = run("s2", () -> ch.sender().send(2)).awaitBlocked();
        assertEquals(0, ch.receiver().len());
        assertTrue(ch.receiver().isEmpty() && ch.receiver().isFull());
        assertEquals(1, ch.receiver().recv());
        assertEquals(2, ch.receiver().recv());
        s1.get();
        s2.get();
    }
}
