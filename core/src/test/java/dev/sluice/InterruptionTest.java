package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.scaled;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * InterruptionTest: the Java-specific rule "a blocking call that is interrupted throws
 * InterruptedException and has not sent (or received) the message: nothing is lost or
 * duplicated". Deterministic cases first (a parked sender or receiver is interrupted), then a
 * seeded random storm: senders and receivers keep working on bounded(1) and rendezvous channels
 * while an interrupter hits them at random; every send is accounted as returned or interrupted,
 * and what was received is exactly what was sent successfully.
 */
@Timeout(30)
class InterruptionTest {

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void interrupted_blocked_sender_has_not_sent(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        TestSupport.fill(tx, flavor.room(0));
        AtomicBoolean stillInterrupted = new AtomicBoolean(true);
        Spawned<Void> sender = run("sender", () -> {
            try {
                tx.send(-1);
            } finally {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        }).awaitBlocked();
        sender.thread.interrupt();
        sender.failure(InterruptedException.class);
        assertFalse(stillInterrupted.get(), "the interrupt status is consumed by the exception");
        for (int i = 0; i < flavor.room(0); i++) {
            assertEquals(i, rx.tryRecv().value());
        }
        assertTrue(rx.tryRecv().isEmpty());                      // -1 was not sent
        assertTrue(rx.recvTimeout(TestSupport.SHORT).isTimeout());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void interrupted_blocked_receiver_has_not_received(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        receiver.thread.interrupt();
        receiver.failure(InterruptedException.class);
        if (flavor.buffers()) {
            ch.sender().send(1);
            assertEquals(1, ch.receiver().tryRecv().value());    // nothing was consumed by the interrupted wait
        } else {
            assertEquals(TrySendResult.FULL, ch.sender().trySend(1));   // and it is no longer waiting
        }
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void interrupted_timed_operations_throw(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Spawned<RecvTimeoutResult<Integer>> receiver = spawn("receiver",
                () -> ch.receiver().recvTimeout(WAIT.multipliedBy(3))).awaitBlocked();
        receiver.thread.interrupt();
        receiver.failure(InterruptedException.class);
        if (flavor.sendCanBlock()) {
            TestSupport.fill(ch.sender(), flavor.room(0));
            Spawned<SendTimeoutResult> sender = spawn("sender",
                    () -> ch.sender().sendDeadline(-1, Instant.MAX)).awaitBlocked();
            sender.thread.interrupt();
            sender.failure(InterruptedException.class);
            assertEquals(flavor.room(0), ch.receiver().len());
        }
    }

    // An interrupt status set before the call: a call that can complete without waiting may do so
    // (the status stays set); otherwise it throws, having sent or received nothing. Never both.
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void pre_interrupted_call_either_completes_or_has_no_effect(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> worker = run("worker", () -> {
            Thread.currentThread().interrupt();
            boolean sent;
            try {
                tx.send(1);
                sent = true;
                assertTrue(Thread.interrupted(), "the interrupt status is kept after a normal return");
            } catch (InterruptedException e) {
                sent = false;
            }
            if (flavor.isRendezvous()) {
                assertFalse(sent, "a rendezvous with nobody waiting cannot complete without waiting");
            }
            assertEquals(sent ? 1 : 0, rx.len());
            Thread.currentThread().interrupt();
            try {
                int got = rx.recv();
                assertTrue(sent, "received although nothing was sent");
                assertEquals(1, got);
                assertTrue(Thread.interrupted());
            } catch (InterruptedException e) {
                assertEquals(sent ? 1 : 0, rx.len());             // throwing consumed nothing
            }
            assertFalse(Thread.currentThread().isInterrupted());
        });
        worker.get();
    }

    // Receiver.iterator: "CancellationException from hasNext() if the thread is interrupted while
    // waiting (the interrupt status is restored; nothing was received)"
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void interrupted_iteration_throws_cancellation(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        AtomicBoolean statusRestored = new AtomicBoolean();
        Spawned<Integer> iterating = spawn("iterating", () -> {
            try {
                for (int msg : ch.receiver()) {
                    return msg;
                }
                return -1;
            } catch (CancellationException e) {
                statusRestored.set(Thread.currentThread().isInterrupted());
                assertInstanceOf(InterruptedException.class, e.getCause());
                throw e;
            }
        }).awaitBlocked();
        iterating.thread.interrupt();
        iterating.failure(CancellationException.class);
        assertTrue(statusRestored.get());
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1"})
    void random_interrupts_lose_and_duplicate_nothing(TestFlavor flavor) throws Exception {
        int senders = 3;
        int receivers = 3;
        int perSender = scaled(3_000, 30_000);
        Random random = new Random(0x5EED + flavor.ordinal());
        Channel<Integer> ch = flavor.create();
        AtomicIntegerArray sendOutcome = new AtomicIntegerArray(senders * perSender);   // 1 sent, 2 interrupted
        AtomicIntegerArray receivedCount = new AtomicIntegerArray(senders * perSender);
        AtomicLong receiveInterrupts = new AtomicLong();
        List<Spawned<Void>> sending = new ArrayList<>();
        List<Spawned<Void>> receiving = new ArrayList<>();
        for (int r = 0; r < receivers; r++) {
            Receiver<Integer> rx = ch.receiver().clone();
            receiving.add(run("receiver-" + r, () -> {
                try (rx) {
                    for (;;) {
                        try {
                            receivedCount.incrementAndGet(rx.recv());
                        } catch (InterruptedException e) {
                            receiveInterrupts.incrementAndGet();
                        } catch (DisconnectedException e) {
                            return;
                        }
                    }
                }
            }));
        }
        for (int s = 0; s < senders; s++) {
            Sender<Integer> tx = ch.sender().clone();
            int base = s * perSender;
            sending.add(run("sender-" + s, () -> {
                try (tx) {
                    for (int i = 0; i < perSender; i++) {
                        try {
                            tx.send(base + i);
                            sendOutcome.set(base + i, 1);
                        } catch (InterruptedException e) {
                            sendOutcome.set(base + i, 2);
                        }
                    }
                }
            }));
        }
        ch.sender().close();
        Receiver<Integer> drainer = ch.receiver();         // kept open: the final tryRecv drain
        List<Thread> targets = new ArrayList<>();
        sending.forEach(s -> targets.add(s.thread));
        receiving.forEach(r -> targets.add(r.thread));
        long interrupts = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sending.stream().anyMatch(s -> !s.isDone())) {
            targets.get(random.nextInt(targets.size())).interrupt();
            interrupts++;
            LockSupport.parkNanos(random.nextInt(200_000));   // pacing the storm, not synchronisation
            assertTrue(System.nanoTime() - deadline < 0, "senders did not finish");
        }
        for (Spawned<Void> s : sending) {
            s.get();
        }
        for (Spawned<Void> r : receiving) {
            r.get();                                       // all sender clones closed: they end
        }
        for (int msg : drainer.tryIter()) {
            receivedCount.incrementAndGet(msg);
        }
        assertTrue(drainer.tryRecv().isDisconnected());
        int sent = 0;
        int failed = 0;
        for (int id = 0; id < senders * perSender; id++) {
            int outcome = sendOutcome.get(id);
            assertTrue(outcome == 1 || outcome == 2, "message " + id + " has no outcome");
            if (outcome == 1) {
                sent++;
                assertEquals(1, receivedCount.get(id), "sent message " + id + " received " + receivedCount.get(id) + " times");
            } else {
                failed++;
                assertEquals(0, receivedCount.get(id), "interrupted send " + id + " was received anyway");
            }
        }
        assertEquals(senders * perSender, sent + failed);
        assertTrue(interrupts > 0);
        System.out.printf("%s: %d interrupts; %d sends returned, %d threw InterruptedException; "
                + "%d receives interrupted%n", flavor, interrupts, sent, failed, receiveInterrupts.get());
    }
}
