package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * AsyncReliabilityTest: the promises of {@code sendAsync}/{@code recvAsync} that an outside review found
 * broken (items 2 and 3), against every public way to complete a {@link CompletableFuture}, and
 * the cost of many pending operations: a send wakes O(1) of them, cancelling is O(1) and leaves
 * nothing behind, and a cancel that races with a send never swallows its wake-up.
 */
@Timeout(60)
class AsyncReliabilityTest {

    /** After an outside completion of a pending recvAsync, the channel behaves as if it never happened. */
    private static void assertChannelUntouched(TestFlavor flavor, Channel<Integer> ch) throws Exception {
        if (flavor.isRendezvous()) {
            assertEquals(TrySendResult.FULL, ch.sender().trySend(7), "no receiver may still be registered");
        } else {
            ch.sender().send(7);
            assertEquals(7, ch.receiver().tryRecv().value(), "the message went to nobody else");
        }
    }

    // CompletableFuture.completeAsync used to complete the future without the guard: the waiter
    // stayed registered and the next message was taken, then dropped
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void complete_async_on_a_pending_recv_withdraws_it(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        assertEquals(42, f.completeAsync(() -> 42, Runnable::run).get(1, TimeUnit.SECONDS));
        assertChannelUntouched(flavor, ch);
        CompletableFuture<Integer> g = ch.receiver().recvAsync();
        g.completeAsync(() -> 43);                            // the default executor
        assertEquals(43, g.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertChannelUntouched(flavor, ch);
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void complete_async_on_a_completed_recv_keeps_the_message(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        ch.sender().sendAsync(5);
        assertEquals(5, f.get(1, TimeUnit.SECONDS));
        f.completeAsync(() -> 99, Runnable::run);
        assertEquals(5, f.get());
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1"})
    void complete_async_on_a_pending_send_withdraws_the_message(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        if (!flavor.isRendezvous()) {
            ch.sender().send(1);                             // full
        }
        CompletableFuture<Void> f = ch.sender().sendAsync(2);
        assertFalse(f.isDone());
        f.completeAsync(() -> null, Runnable::run);
        assertTrue(f.isDone());
        List<Integer> left = new ArrayList<>();
        ch.receiver().tryIter().forEach(left::add);
        assertFalse(left.contains(2), "a withdrawn send was delivered: " + left);
    }

    // obtrudeValue / obtrudeException overwrite even a completed result: refused, on pending and
    // completed futures alike, and the operation goes on unharmed
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void obtrude_is_refused_and_changes_nothing(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> pending = ch.receiver().recvAsync();
        assertThrows(UnsupportedOperationException.class, () -> pending.obtrudeValue(1));
        assertThrows(UnsupportedOperationException.class, () -> pending.obtrudeException(new RuntimeException()));
        assertFalse(pending.isDone());
        ch.sender().sendAsync(8);
        assertEquals(8, pending.get(1, TimeUnit.SECONDS));
        assertThrows(UnsupportedOperationException.class, () -> pending.obtrudeValue(1));
        assertThrows(UnsupportedOperationException.class, () -> pending.obtrudeException(new RuntimeException()));
        assertEquals(8, pending.get());
        CompletableFuture<Void> send = ch.sender().sendAsync(9);
        assertThrows(UnsupportedOperationException.class, () -> send.obtrudeValue(null));
    }

    // copy(), minimalCompletionStage(), toCompletableFuture() of the minimal stage and dependent
    // stages are separate futures: completing them does not complete, cancel or steal the operation
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void derived_futures_cannot_complete_the_operation(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync();
        assertTrue(f.copy().complete(1));
        assertTrue(f.minimalCompletionStage().toCompletableFuture().complete(2));
        assertTrue(f.thenApply(v -> v).cancel(true));
        CompletableFuture<Object> fresh = f.newIncompleteFuture();
        assertTrue(fresh.complete(3));
        assertFalse(f.isDone());
        ch.sender().sendAsync(4);
        assertEquals(4, f.get(1, TimeUnit.SECONDS));
    }

    // orTimeout and completeOnTimeout go through completeExceptionally / complete: the pending
    // operation is withdrawn, the channel untouched
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void timeouts_on_the_future_withdraw_the_operation(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        CompletableFuture<Integer> f = ch.receiver().recvAsync().completeOnTimeout(-1, 1, TimeUnit.MILLISECONDS);
        assertEquals(-1, f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertChannelUntouched(flavor, ch);
        CompletableFuture<Integer> g = ch.receiver().recvAsync().orTimeout(1, TimeUnit.MILLISECONDS);
        assertThrows(ExecutionException.class, () -> g.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertChannelUntouched(flavor, ch);
    }

    // with N pending recvAsync each send woke all N (and the losers re-registered):
    // N² work. A message now wakes one pending receiver, counted by the waker's probe
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void a_send_wakes_at_most_two_of_ten_thousand_pending_receivers(TestFlavor flavor) throws Exception {
        int pending = 10_000;
        Channel<Integer> ch = flavor.create();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < pending; i++) {
            futures.add(ch.receiver().recvAsync());
        }
        for (int i = 0; i < pending; i++) {
            long before = receiverWakeups(ch);
            ch.sender().send(i);
            long woken = receiverWakeups(ch) - before;
            assertTrue(woken <= 2, "send " + i + " woke " + woken + " waiters");
        }
        Set<Integer> got = new HashSet<>();
        for (CompletableFuture<Integer> f : futures) {
            got.add(f.get(1, TimeUnit.SECONDS));
        }
        assertEquals(pending, got.size(), "each message to exactly one future");
        assertTrue(ch.receiver().isEmpty());
    }

    static long receiverWakeups(Channel<?> ch) {
        Flavor f = ch.sender().shared().flavor;
        return f instanceof ArrayFlavor ? ((ArrayFlavor<?>) f).receiverWakeups() : ((ListFlavor<?>) f).receiverWakeups();
    }

    // 10⁵ pending futures cancelled: nothing stays registered (a later send wakes nobody and the
    // message stays in the channel), and the waiter list keeps no high-water mark (it is intrusive)
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void cancelling_many_pending_receivers_leaves_nothing_registered(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            futures.add(ch.receiver().recvAsync());
        }
        for (int i = futures.size() - 1; i >= 0; i -= 2) {  // from the back and the front alike
            assertTrue(futures.get(i).cancel(false));
        }
        for (int i = 0; i < futures.size(); i += 2) {
            assertTrue(futures.get(i).cancel(false));
        }
        long before = receiverWakeups(ch);
        ch.sender().send(1);
        assertEquals(before, receiverWakeups(ch), "a cancelled future was still registered");
        assertEquals(1, ch.receiver().tryRecv().value());
    }

    // A cancel that loses to a send's selection of its waiter passes the wake-up to the next
    // pending receiver: the message is never stranded while a receiver waits
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16", "UNBOUNDED"})
    void a_cancel_racing_a_send_never_strands_the_message(TestFlavor flavor) throws Exception {
        int rounds = scaled(2_000, 50_000);
        CyclicBarrier start = new CyclicBarrier(2);
        for (int r = 0; r < rounds; r++) {
            Channel<Integer> ch = flavor.create();
            CompletableFuture<Integer> first = ch.receiver().recvAsync();
            CompletableFuture<Integer> second = ch.receiver().recvAsync();
            CountDownLatch sent = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                try {
                    start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    ch.sender().send(100);
                    sent.countDown();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            sender.setDaemon(true);
            sender.start();
            start.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            boolean cancelled = first.cancel(false);
            assertTrue(sent.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            if (cancelled) {
                assertEquals(100, second.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "round " + r);
            } else {
                assertEquals(100, first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), "round " + r);
                assertFalse(second.isDone());
            }
            sender.join(WAIT.toMillis());
        }
    }

    // Cancelling from another thread while the channel is hammered: each message is received
    // exactly once, by a future or by the final drain
    @Test
    void cancels_under_contention_lose_and_duplicate_nothing() throws Exception {
        for (TestFlavor flavor : TestFlavor.values()) {
            int messages = scaled(20_000, 500_000);
            Channel<Integer> ch = flavor.create();
            Sender<Integer> tx = ch.sender();
            boolean[] seen = new boolean[messages];
            Thread producer = new Thread(() -> {
                try (tx) {
                    for (int i = 0; i < messages; i++) {
                        tx.send(i);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            producer.setDaemon(true);
            producer.start();
            int count = 0;
            for (;;) {
                CompletableFuture<Integer> f = ch.receiver().recvAsync();
                if ((count & 1) == 0 && f.cancel(false)) {
                    count++;
                    continue;
                }
                try {
                    int v = f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    assertFalse(seen[v], flavor + ": duplicate " + v);
                    seen[v] = true;
                } catch (ExecutionException e) {
                    assertTrue(e.getCause() instanceof DisconnectedException, e.toString());
                    break;
                }
                count++;
            }
            producer.join(WAIT.toMillis());
            for (int i = 0; i < messages; i++) {
                assertTrue(seen[i], flavor + ": lost " + i);
            }
        }
    }
}
