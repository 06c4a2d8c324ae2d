package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.fill;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.scaled;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AsyncTest: asynchronous readiness (the readiness contract) per flavor: {@code recvAsync} and
 * {@code sendAsync} complete, fail on disconnection and can be cancelled without losing a
 * message; {@code watchReceivable} and {@code watchSendable} fire exactly once, at once when the
 * channel is already ready, on disconnection, and never after a successful {@code cancel()}.
 *
 * <p>Races (cancel against a transfer, {@code orTimeout} against a send) are run in loops with a
 * helper thread released by a {@link CyclicBarrier}, and checked by accounting: every message sent
 * is received exactly once, either through the future or from the channel afterwards.
 */
@Timeout(20)
class AsyncTest {

    // ==== recvAsync ====

    // Receiver.recvAsync: completes at once when a message is available (rendezvous: a waiting sender)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_completes_with_available_message(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        if (flavor.buffers()) {
            ch.sender().send(1);
            CompletableFuture<Integer> f = ch.receiver().recvAsync();
            assertTrue(f.isDone());
            assertEquals(1, f.join());
        } else {
            Spawned<Void> sender = run("sender", () -> ch.sender().send(1)).awaitBlocked();
            CompletableFuture<Integer> f = ch.receiver().recvAsync();
            assertTrue(f.isDone());
            assertEquals(1, f.join());
            sender.get();
        }
    }

    // Receiver.recvAsync: a pending future completes with the next message; "Completion runs on the
    // thread that sent the message": it is complete by the time that send returns
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_completes_later_on_sending_thread(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        assertFalse(f.isDone());
        Spawned<Boolean> sender = spawn("sender", () -> {
            // a rendezvous pairs with the registered async receiver: trySend succeeds
            assertEquals(TrySendResult.OK, ch.sender().trySend(4));
            return f.isDone();
        });
        assertTrue(sender.get(), "completed by the time trySend returned");
        assertEquals(4, f.getNow(-1));
        assertEquals(40, f.thenApply(v -> v * 10).getNow(-1));
        assertTrue(ch.receiver().tryRecv().isEmpty());
    }

    // Receiver.recvAsync: fails with DisconnectedException once empty and disconnected, buffered first
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_fails_on_disconnect(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> pending = ch.receiver().recvAsync();
        Sender<Integer> tx2 = ch.sender().clone();
        ch.sender().close();
        assertFalse(pending.isDone());                        // a sender is still open
        if (flavor.buffers()) {
            tx2.send(5);
            assertEquals(5, pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            pending = ch.receiver().recvAsync();
            tx2.send(6);                                      // buffered before the close
        }
        tx2.close();
        if (flavor.buffers()) {
            assertEquals(6, pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            pending = ch.receiver().recvAsync();
        }
        CompletableFuture<Integer> f = pending;
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(DisconnectedException.class, e.getCause());
        CompletableFuture<Integer> late = ch.receiver().recvAsync();   // already disconnected: fails at once
        assertTrue(late.isCompletedExceptionally());
    }

    // recvAsync fails with the close cause of closeChannel(cause)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_fails_with_close_cause(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        RuntimeException cause = new RuntimeException("closed with cause");
        ch.sender().closeChannel(cause);
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertInstanceOf(DisconnectedException.class, e.getCause());
        assertSame(cause, e.getCause().getCause());
    }

    // Receiver.recvAsync: "Cancelling it before a message arrived takes nothing from the channel"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_cancel_withdraws(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        assertTrue(f.cancel(false));
        assertTrue(f.isCancelled());
        assertFalse(f.cancel(false));
        if (flavor.buffers()) {
            ch.sender().send(1);
            assertEquals(1, ch.receiver().tryRecv().value());
        } else {
            assertEquals(TrySendResult.FULL, ch.sender().trySend(1));   // the receiver is gone
        }
        // an outside complete() is a cancellation too: it withdraws the receive
        CompletableFuture<Integer> g = ch.receiver().recvAsync();
        assertTrue(g.complete(-1));
        assertFalse(g.completeExceptionally(new RuntimeException()));
        if (flavor.buffers()) {
            ch.sender().send(2);
            assertEquals(2, ch.receiver().tryRecv().value());
        } else {
            assertEquals(TrySendResult.FULL, ch.sender().trySend(2));
        }
        assertEquals(-1, g.join());
    }

    // "cancelled future never consumes a message": cancel races a send; every message is
    // received exactly once, by the future or (if the cancel won) by a plain receive afterwards
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_cancel_race_loses_nothing(TestFlavor flavor) throws Exception {
        int rounds = scaled(2_000, 20_000);
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Spawned<Void> sender = run("sender", () -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                ch.sender().send(i);
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        for (int i = 0; i < rounds; i++) {
            CompletableFuture<Integer> f = rx.recvAsync();
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            int got;
            if (f.cancel(false)) {
                got = rx.recvTimeout(WAIT).value();          // the message is still there
            } else {
                got = f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            assertEquals(i, got, "round " + i);
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(rx.tryRecv().isEmpty(), "round " + i + ": a duplicate is left in the channel");
        }
        sender.get();
    }

    // "orTimeout doesn't lose messages": a timed-out future took nothing
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_async_or_timeout_loses_nothing(TestFlavor flavor) throws Exception {
        int rounds = scaled(150, 1_000);
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Spawned<Void> sender = run("sender", () -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                ch.sender().send(i);
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        for (int i = 0; i < rounds; i++) {
            CompletableFuture<Integer> f = rx.recvAsync().orTimeout(1, TimeUnit.MILLISECONDS);
            if (i % 3 == 0) {
                // let the timeout win now and then: wait for it before releasing the sender
                f.handle((v, e) -> null).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            Object outcome = f.handle((v, e) -> e != null ? e : v).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            int got;
            if (outcome instanceof Integer) {
                got = (Integer) outcome;
            } else {
                assertInstanceOf(TimeoutException.class, outcome);
                got = rx.recvTimeout(WAIT).value();
            }
            assertEquals(i, got, "round " + i);
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertTrue(rx.tryRecv().isEmpty(), "round " + i);
        }
        sender.get();
    }

    // ==== sendAsync ====

    // Sender.sendAsync: completes at once when there is room; later, when a receiver makes room
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_async_completes(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(5);
        List<CompletableFuture<Void>> immediate = new ArrayList<>();
        for (int i = 0; i < room; i++) {
            immediate.add(tx.sendAsync(i));
        }
        immediate.forEach(f -> assertTrue(f.isDone() && !f.isCompletedExceptionally()));
        if (flavor.isUnbounded()) {
            assertTrue(tx.sendAsync(room).isDone());
            assertEquals(room + 1, rx.len());
            return;
        }
        CompletableFuture<Void> pending = tx.sendAsync(room);
        assertFalse(pending.isDone());
        assertEquals(room, rx.len());
        for (int i = 0; i <= room; i++) {
            assertEquals(i, rx.recvTimeout(WAIT).value());       // FIFO, the async one last
        }
        pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    // Sender.sendAsync: fails with SendDisconnectedException carrying the message
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void send_async_fails_on_disconnect(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        fill(tx, flavor.room(0));
        CompletableFuture<Void> pending = tx.sendAsync(7);
        assertEquals(!flavor.isUnbounded(), !pending.isDone());
        ch.receiver().close();
        if (!flavor.isUnbounded()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> pending.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            SendDisconnectedException sde = assertInstanceOf(SendDisconnectedException.class, e.getCause());
            assertEquals(7, (Integer) sde.message());
        }
        CompletableFuture<Void> late = tx.sendAsync(8);
        assertTrue(late.isCompletedExceptionally());
        ExecutionException e = assertThrows(ExecutionException.class, late::get);
        assertEquals(8, (Integer) ((SendDisconnectedException) e.getCause()).message());
    }

    // Sender.sendAsync: "Cancelling the future withdraws the message if it has not been sent yet"
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void send_async_cancel_withdraws(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(0);
        fill(tx, room);
        CompletableFuture<Void> f = tx.sendAsync(-1);
        assertTrue(f.cancel(true));
        assertTrue(f.isCancelled());
        for (int i = 0; i < room; i++) {
            assertEquals(i, rx.tryRecv().value());
        }
        assertTrue(rx.tryRecv().isEmpty());                       // the withdrawn message never arrives
        assertTrue(rx.recvTimeout(TestSupport.SHORT).isTimeout());
    }

    // A cancel racing a receive that makes room: the message is sent iff cancel() returned false
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void send_async_cancel_race_loses_nothing(TestFlavor flavor) throws Exception {
        int rounds = scaled(2_000, 20_000);
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        int room = flavor.room(0);
        int filler = -1;
        CyclicBarrier barrier = new CyclicBarrier(2);
        AtomicInteger received = new AtomicInteger();
        Spawned<Void> receiver = run("receiver", () -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                received.set(rx.recv());                          // a filler, or the async message
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        for (int i = 0; i < rounds; i++) {
            for (int k = 0; k < room; k++) {
                assertEquals(TrySendResult.OK, tx.trySend(filler));
            }
            CompletableFuture<Void> f = tx.sendAsync(i);
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            boolean cancelled = f.cancel(false);
            if (cancelled && !flavor.buffers()) {
                tx.send(filler);                                  // the receiver still waits for one
            }
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (!cancelled) {
                f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);    // it was sent
            }
            List<Integer> left = TestSupport.drain(rx);
            int expectedFillers = flavor.buffers() ? room - 1 : 0;
            int expectedLen = expectedFillers + (cancelled || !flavor.buffers() ? 0 : 1);
            assertEquals(expectedLen, left.size(), "round " + i + " cancelled=" + cancelled + " left " + left);
            assertEquals(!cancelled && flavor.buffers(), left.contains(i), "round " + i);
            // bounded: FIFO hands the receiver a filler; rendezvous: the async message unless withdrawn
            int expectedReceived = flavor.buffers() || cancelled ? filler : i;
            assertEquals(expectedReceived, received.get(), "round " + i + " cancelled=" + cancelled);
        }
        receiver.get();
    }

    // Watch callbacks run on the thread that changed the channel, possibly in the middle of a pending
    // future's own attempt: here recvAsync's attempt takes the message, which makes the channel
    // sendable, whose watch cancels that very future. cancel() must not wait for the attempt in
    // flight on its own thread (it would wait forever); it returns false, the message was received.
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "BOUNDED_1")
    void cancel_from_callback_inside_own_attempt_does_not_hang(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicReference<CompletableFuture<Integer>> future = new AtomicReference<>();
        AtomicReference<Boolean> cancelled = new AtomicReference<>();
        // registered before the future's own watch, so it runs first, while the channel is full
        ch.receiver().watchReceivable(() -> ch.sender().watchSendable(
                () -> cancelled.set(future.get().cancel(false))));
        future.set(ch.receiver().recvAsync());
        assertFalse(future.get().isDone());
        Spawned<TrySendResult> sender = spawn("sender", () -> ch.sender().trySend(42));
        assertEquals(TrySendResult.OK, sender.get());           // hangs here if cancel() spins
        assertEquals(Boolean.FALSE, cancelled.get());
        assertEquals(42, future.get().getNow(-1));
    }

    // Rendezvous: an async sender and an async receiver meet without any thread blocking
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void async_sender_meets_async_receiver(TestFlavor flavor) throws Exception {
        Channel<String> ch = flavor.create();
        CompletableFuture<Void> sent = ch.sender().sendAsync("a");
        assertFalse(sent.isDone());
        CompletableFuture<String> got = ch.receiver().recvAsync();
        assertEquals("a", got.getNow(null));
        assertTrue(sent.isDone());
        CompletableFuture<String> waiting = ch.receiver().recvAsync();
        assertFalse(waiting.isDone());
        assertTrue(ch.sender().sendAsync("b").isDone());
        assertEquals("b", waiting.getNow(null));
    }

    // Rendezvous: a blocked receiver thread takes from sendAsync; a blocked sender thread feeds recvAsync
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void async_operations_pair_with_blocked_threads(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        assertTrue(ch.sender().sendAsync(1).isDone());
        assertEquals(1, receiver.get());
        Spawned<Void> sender = run("sender", () -> ch.sender().send(2)).awaitBlocked();
        assertEquals(2, ch.receiver().recvAsync().getNow(-1));
        sender.get();
    }

    // Rendezvous "trySend succeeds only if a receiver is waiting right now (blocked thread or recvAsync)":
    // an async receiver has no owner thread, so even the thread that registered it can pair with it
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void try_send_pairs_with_pending_recv_async(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        assertEquals(TrySendResult.FULL, ch.sender().trySend(0));
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        assertEquals(TrySendResult.OK, ch.sender().trySend(1));
        assertEquals(1, f.getNow(-1));
        assertEquals(TrySendResult.FULL, ch.sender().trySend(2));
        CompletableFuture<Void> s = ch.sender().sendAsync(3);
        assertEquals(3, ch.receiver().tryRecv().value());
        assertTrue(s.isDone());
    }

    // ==== Watches ====

    // Receiver.watchReceivable: fires once when a message arrives, on the sending thread
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void watch_receivable_fires_once(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        List<Thread> calls = new CopyOnWriteArrayList<>();
        Watch w = ch.receiver().watchReceivable(() -> calls.add(Thread.currentThread()));
        assertTrue(calls.isEmpty());
        Spawned<Thread> sender = spawn("sender", () -> {
            makeReceivable(flavor, ch.sender(), 1);
            assertEquals(1, ch.receiver().tryRecv().value());
            makeReceivable(flavor, ch.sender(), 2);             // ready again: no second call
            return Thread.currentThread();
        });
        Thread senderThread = sender.get();
        assertEquals(List.of(senderThread), calls);
        assertFalse(w.cancel());                                // it already ran
        assertEquals(List.of(2), TestSupport.drain(ch.receiver()));
        assertEquals(1, calls.size());
    }

    // watchReceivable: "at once on this thread if that is already so"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void watch_receivable_fires_immediately_when_ready(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        makeReceivable(flavor, ch.sender(), 1);
        List<Thread> calls = new ArrayList<>();
        Watch w = ch.receiver().watchReceivable(() -> calls.add(Thread.currentThread()));
        assertEquals(List.of(Thread.currentThread()), calls);
        assertFalse(w.cancel());
        assertEquals(1, ch.receiver().tryRecv().value());
    }

    // Watch.cancel: "true if it won the race and the callback will never run"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void watch_receivable_never_fires_after_cancel(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        AtomicInteger calls = new AtomicInteger();
        Watch w = ch.receiver().watchReceivable(calls::incrementAndGet);
        assertTrue(w.cancel());
        assertFalse(w.cancel());                                // not "because of this call"
        makeReceivable(flavor, ch.sender(), 1);
        ch.sender().close();
        assertEquals(0, calls.get());
    }

    // watchReceivable fires on disconnection, and at once when already disconnected
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void watch_receivable_fires_on_disconnect(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        AtomicInteger calls = new AtomicInteger();
        ch.receiver().watchReceivable(calls::incrementAndGet);
        ch.sender().close();
        assertEquals(1, calls.get());
        ch.receiver().watchReceivable(calls::incrementAndGet);
        assertEquals(2, calls.get());
    }

    // A watch racing its cancel: fired exactly once if cancel() lost, never if cancel() won
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void watch_receivable_cancel_race(TestFlavor flavor) throws Exception {
        int rounds = scaled(2_000, 20_000);
        Channel<Integer> ch = flavor.create();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Spawned<Void> sender = run("sender", () -> {
            for (int i = 0; i < rounds; i++) {
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                makeReceivable(flavor, ch.sender(), i);
                barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
        AtomicInteger calls = new AtomicInteger();
        for (int i = 0; i < rounds; i++) {
            calls.set(0);
            Watch w = ch.receiver().watchReceivable(calls::incrementAndGet);
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            boolean cancelled = w.cancel();
            barrier.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);   // the send (and any callback) is over
            assertEquals(cancelled ? 0 : 1, calls.get(), "round " + i + " cancelled=" + cancelled);
            assertEquals(i, ch.receiver().tryRecv().value());
        }
        sender.get();
    }

    // Sender.watchSendable: fires once when room appears (rendezvous: a receiver starts waiting)
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void watch_sendable_fires_once(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        fill(tx, flavor.room(0));
        AtomicInteger calls = new AtomicInteger();
        Watch w = tx.watchSendable(calls::incrementAndGet);
        assertEquals(0, calls.get());
        CompletableFuture<Integer> r1 = makeSendable(flavor, rx);
        assertEquals(1, calls.get());
        assertEquals(TrySendResult.OK, tx.trySend(10));        // full again (rendezvous: r1 takes it)
        CompletableFuture<Integer> r2 = makeSendable(flavor, rx);
        assertEquals(1, calls.get());                          // sendable again: no second call
        assertFalse(w.cancel());
        if (!flavor.buffers()) {
            assertEquals(TrySendResult.OK, tx.trySend(11));
            assertEquals(10, r1.getNow(-1));
            assertEquals(11, r2.getNow(-1));
        }
    }

    // watchSendable: at once when there is room (unbounded: always), on the registering thread
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void watch_sendable_fires_immediately_when_ready(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Spawned<Integer> receiver = null;
        if (flavor.isRendezvous()) {
            receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        }
        List<Thread> calls = new ArrayList<>();
        ch.sender().watchSendable(() -> calls.add(Thread.currentThread()));
        assertEquals(List.of(Thread.currentThread()), calls);
        if (receiver != null) {
            ch.sender().send(1);
            assertEquals(1, receiver.get());
        }
    }

    // watchSendable: never after a successful cancel; fires on disconnection
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void watch_sendable_cancel_and_disconnect(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        fill(tx, flavor.room(0));
        AtomicInteger cancelledCalls = new AtomicInteger();
        Watch cancelled = tx.watchSendable(cancelledCalls::incrementAndGet);
        assertTrue(cancelled.cancel());
        AtomicInteger calls = new AtomicInteger();
        tx.watchSendable(calls::incrementAndGet);
        ch.receiver().close();                                  // disconnection fires
        assertEquals(1, calls.get());
        assertEquals(0, cancelledCalls.get());
        tx.watchSendable(calls::incrementAndGet);               // already disconnected: at once
        assertEquals(2, calls.get());
    }

    /** Makes {@code msg} receivable without blocking: buffered, or offered by an async rendezvous sender. */
    private static void makeReceivable(TestFlavor flavor, Sender<Integer> tx, int msg) {
        if (flavor.buffers()) {
            assertEquals(TrySendResult.OK, tx.trySend(msg));
        } else {
            assertFalse(tx.sendAsync(msg).isCompletedExceptionally());
        }
    }

    /** Makes a send possible without blocking: frees a slot, or registers an async rendezvous receiver. */
    private static CompletableFuture<Integer> makeSendable(TestFlavor flavor, Receiver<Integer> rx) {
        if (flavor.buffers()) {
            return CompletableFuture.completedFuture(rx.tryRecv().value());
        }
        return rx.recvAsync();
    }
}
