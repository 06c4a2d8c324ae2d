package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.scaled;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * ConcurrencyConformanceTest: the multi-threaded tests of crossbeam-channel and Rust std, per
 * flavor: no message lost or duplicated, FIFO per producer, linearizable emptiness, channels sent
 * through channels, and timed operations racing each other.
 *
 * <p>Sizes follow crossbeam where it is cheap (mpmc: 4 producers x 4 consumers x 25 000 messages)
 * and are scaled down otherwise; {@code -Dstress=long} restores crossbeam's sizes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConcurrencyConformanceTest {

    // crossbeam array.rs, zero.rs, list.rs `spsc`; std tests.rs `stress`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void spsc(TestFlavor flavor) throws Exception {
        int count = scaled(50_000, 100_000);
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> receiver = run("receiver", () -> {
            for (int i = 0; i < count; i++) {
                assertEquals(i, rx.recv());
            }
            assertTrue(rx.recvTimeout(WAIT).isDisconnected());
        });
        try (Sender<Integer> tx = ch.sender()) {
            for (int i = 0; i < count; i++) {
                tx.send(i);
            }
        }
        receiver.get();
    }

    // crossbeam array.rs, zero.rs, list.rs `mpmc`; the rule "no message lost or duplicated in
    // 4 producers x 4 consumers x 25 000 messages, FIFO per producer"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void mpmc(TestFlavor flavor) throws Exception {
        int producers = 4;
        int consumers = 4;
        int perProducer = scaled(25_000, 100_000);
        Channel<Integer> ch = flavor.create();
        AtomicIntegerArray seen = new AtomicIntegerArray(producers * perProducer);
        List<Spawned<Integer>> threads = new ArrayList<>();
        for (int c = 0; c < consumers; c++) {
            Receiver<Integer> rx = ch.receiver().clone();
            threads.add(spawn("consumer-" + c, () -> {
                int[] last = new int[producers];
                Arrays.fill(last, -1);
                int received = 0;
                try (rx) {
                    for (int msg : rx) {
                        seen.incrementAndGet(msg);
                        int producer = msg / perProducer;
                        int seq = msg % perProducer;
                        // FIFO per producer: a consumer sees each producer's messages in order
                        assertTrue(seq > last[producer], "producer " + producer + ": " + seq + " after " + last[producer]);
                        last[producer] = seq;
                        received++;
                    }
                }
                return received;
            }));
        }
        for (int p = 0; p < producers; p++) {
            Sender<Integer> tx = ch.sender().clone();
            int base = p * perProducer;
            threads.add(spawn("producer-" + p, () -> {
                try (tx) {
                    for (int i = 0; i < perProducer; i++) {
                        tx.send(base + i);
                    }
                }
                return 0;
            }));
        }
        ch.sender().close();
        ch.receiver().close();
        int total = 0;
        for (Spawned<Integer> t : threads) {
            total += t.get();
        }
        assertEquals(producers * perProducer, total);
        for (int i = 0; i < producers * perProducer; i++) {
            if (seen.get(i) != 1) {
                throw new AssertionError("message " + i + " received " + seen.get(i) + " times");
            }
        }
    }

    // crossbeam array.rs, zero.rs, list.rs `stress_oneshot`; std tests.rs `oneshot_multi_thread_send_recv_stress`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void stress_oneshot(TestFlavor flavor) throws Exception {
        int count = scaled(500, 10_000);
        for (int i = 0; i < count; i++) {
            Channel<Integer> ch = flavor.create();
            int msg = i;
            Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv);
            Spawned<Void> sender = run("sender", () -> ch.sender().send(msg));
            assertEquals(msg, receiver.get());
            sender.get();
        }
    }

    // crossbeam array.rs, zero.rs, list.rs `stress_iter`; std tests.rs `test_recv_try_iter`
    // (zero.rs pairs a rendezvous request channel with a bounded(1) response channel: a rendezvous
    // response could never be taken by tryIter while the requester itself waits to send)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void stress_iter(TestFlavor flavor) throws Exception {
        int count = scaled(10_000, 100_000);
        Channel<Boolean> requests = flavor.create();
        Channel<Integer> responses = flavor.isRendezvous() ? Channel.bounded(1) : flavor.create();
        Spawned<Integer> requester = spawn("requester", () -> {
            int total = 0;
            try (Sender<Boolean> req = requests.sender(); Receiver<Integer> resp = responses.receiver()) {
                for (;;) {
                    for (int x : resp.tryIter()) {
                        total += x;
                        if (total == count) {
                            return total;
                        }
                    }
                    req.send(true);
                }
            }
        });
        try (Sender<Integer> resp = responses.sender()) {
            for (boolean ignored : requests.receiver()) {
                try {
                    resp.send(1);
                } catch (SendDisconnectedException e) {
                    break;                                  // the requester has enough
                }
            }
        }
        assertEquals(count, requester.get());
    }

    // crossbeam array.rs, zero.rs, list.rs `stress_timeout_two_threads`; std tests.rs
    // `stress_recv_timeout_two_threads`: timed operations that keep timing out never lose,
    // duplicate or reorder a message (sleeps simulate a slow peer)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void stress_timeout_two_threads(TestFlavor flavor) throws Exception {
        int count = scaled(30, 100);
        Duration tick = Duration.ofMillis(1);
        Channel<Integer> ch = flavor.create();
        Spawned<Integer> sender = spawn("sender", () -> {
            int timeouts = 0;
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < count; i++) {
                    if (i % 2 == 0) {
                        Thread.sleep(3);                   // simulated slowness, not synchronisation
                    }
                    while (tx.sendTimeout(i, tick) != SendTimeoutResult.OK) {
                        timeouts++;
                    }
                }
            }
            return timeouts;
        });
        Receiver<Integer> rx = ch.receiver();
        for (int i = 0; i < count; i++) {
            if (i % 2 == 0) {
                Thread.sleep(3);
            }
            for (;;) {
                RecvTimeoutResult<Integer> r = rx.recvTimeout(tick);
                if (r.isValue()) {
                    assertEquals(i, r.value());
                    break;
                }
                assertTrue(r.isTimeout(), "unexpected " + r);
            }
        }
        assertTrue(rx.recvTimeout(WAIT).isDisconnected());
        assertTrue(sender.get() >= 0);
    }

    // the rule "timed-out operations leave no trace", under contention: tiny timeouts on both sides
    // race the abort against the hand-off; a send that reported TIMEOUT is never received, and every
    // send that reported OK is received exactly once
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void timeout_race_leaves_no_trace(TestFlavor flavor) throws Exception {
        int count = scaled(5_000, 100_000);
        Channel<Integer> ch = flavor.create();
        AtomicIntegerArray outcome = new AtomicIntegerArray(count);       // 1 OK, 2 TIMEOUT
        AtomicIntegerArray received = new AtomicIntegerArray(count);
        Spawned<Void> sender = run("sender", () -> {
            Random random = new Random(7);
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < count; i++) {
                    SendTimeoutResult r = tx.sendTimeout(i, Duration.ofNanos(random.nextInt(50_000)));
                    assertTrue(r != SendTimeoutResult.DISCONNECTED);
                    outcome.set(i, r == SendTimeoutResult.OK ? 1 : 2);
                }
            }
        });
        Random random = new Random(11);
        Receiver<Integer> rx = ch.receiver();
        long deadline = System.nanoTime() + WAIT.toNanos() * 3;
        for (;;) {
            RecvTimeoutResult<Integer> r = rx.recvTimeout(Duration.ofNanos(random.nextInt(50_000)));
            if (r.isDisconnected()) {
                break;
            }
            if (r.isValue()) {
                received.incrementAndGet(r.value());
            }
            assertTrue(System.nanoTime() - deadline < 0, "sender did not finish");
        }
        sender.get();
        int ok = 0;
        for (int i = 0; i < count; i++) {
            if (outcome.get(i) == 1) {
                ok++;
                assertEquals(1, received.get(i), "sent message " + i);
            } else {
                assertEquals(2, outcome.get(i), "message " + i + " has no outcome");
                assertEquals(0, received.get(i), "timed-out message " + i + " was received");
            }
        }
        if (!flavor.sendCanBlock()) {
            assertEquals(count, ok);                         // unbounded: never TIMEOUT
        }
    }

    // crossbeam array.rs, list.rs `linearizable`: after my own send, my tryRecv cannot find it empty
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16", "UNBOUNDED"})
    void linearizable(TestFlavor flavor) throws Exception {
        int threads = 4;
        int count = scaled(10_000, 25_000);
        Channel<Integer> ch = flavor.create();
        List<Spawned<Void>> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            workers.add(run("worker-" + t, () -> {
                for (int i = 0; i < count; i++) {
                    ch.sender().send(0);
                    TryRecvResult<Integer> r = ch.receiver().tryRecv();
                    assertTrue(r.isValue(), "tryRecv after my own send returned " + r);
                }
            }));
        }
        for (Spawned<Void> w : workers) {
            w.get();
        }
        assertTrue(ch.receiver().isEmpty());
    }

    // crossbeam array.rs, zero.rs, list.rs `channel_through_channel`
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void channel_through_channel(TestFlavor flavor) throws Exception {
        int count = scaled(1_000, 10_000);
        Channel<Object> first = flavor.create();
        Spawned<Void> sender = run("sender", () -> {
            Sender<Object> tx = first.sender();
            for (int i = 0; i < count; i++) {
                Channel<Object> next = flavor.create();
                tx.send(next.receiver());
                tx.close();
                tx = next.sender();
            }
            tx.close();
        });
        Receiver<Object> rx = first.receiver();
        for (int i = 0; i < count; i++) {
            Object msg = rx.recv();
            assertNotNull(msg);
            rx.close();
            @SuppressWarnings("unchecked")
            Receiver<Object> next = (Receiver<Object>) msg;
            rx = next;
        }
        assertTrue(rx.recvTimeout(WAIT).isDisconnected());
        sender.get();
    }

    // crossbeam array.rs, zero.rs `recv_in_send`: Java has no select!, whose send arm evaluates a
    // recv; the analogue is re-entering the channel from inside a send: the message argument is a
    // recv on the same channel, and a readiness callback fired by a send receives on the channel
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void recv_in_send(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (flavor.buffers()) {
            tx.send(1);
            tx.send(rx.recv() + 1);                          // the argument receives first
            assertEquals(2, rx.tryRecv().value());
        }
        // A watch callback runs on the sending thread after the channel released its locks, so it
        // may receive right there (the message a rendezvous async sender offers, or a buffered one).
        List<Integer> got = new ArrayList<>();
        rx.watchReceivable(() -> got.add(rx.tryRecv().orElse(-1)));
        if (flavor.isRendezvous()) {
            CompletableFuture<Void> sent = tx.sendAsync(3);
            assertEquals(List.of(3), got);
            assertTrue(sent.isDone());
        } else {
            tx.send(3);
            assertEquals(List.of(3), got);
        }
        assertTrue(rx.tryRecv().isEmpty());
    }

    // std tests.rs `stream_send_recv_stress`: a chain of threads, each sending (or receiving) one
    // message and handing the handle on to the next thread
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void stream_send_recv_stress(TestFlavor flavor) throws Exception {
        int rounds = scaled(20, 200);
        for (int round = 0; round < rounds; round++) {
            Channel<Integer> ch = flavor.create();
            AtomicInteger received = new AtomicInteger();
            Spawned<Void> senders = run("sender-0", () -> sendChain(ch.sender(), 0));
            Spawned<Void> receivers = run("receiver-0", () -> recvChain(ch.receiver(), 0, received));
            senders.get();
            receivers.get();
            assertEquals(10, received.get());
        }
    }

    private static void sendChain(Sender<Integer> tx, int i) throws Exception {
        if (i == 10) {
            tx.close();
            return;
        }
        tx.send(i);
        run("sender-" + (i + 1), () -> sendChain(tx, i + 1)).get();
    }

    private static void recvChain(Receiver<Integer> rx, int i, AtomicInteger received) throws Exception {
        if (i == 10) {
            assertTrue(rx.recvTimeout(WAIT).isDisconnected());
            return;
        }
        assertEquals(i, rx.recv());
        received.incrementAndGet();
        run("receiver-" + (i + 1), () -> recvChain(rx, i + 1, received)).get();
    }
}
