package dev.sluice;

import static dev.sluice.StressSupport.PATIENCE;
import static dev.sluice.StressSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readiness watches ({@link Receiver#watchReceivable}, {@link Sender#watchSendable}) registered
 * while the peer changes the channel state: the contract of the readiness contract, register → re-check →
 * callback, with no lost wake-up and no callback after a successful cancel.
 *
 * <p>The checks need no waiting: a watch callback runs on the thread that made the channel ready
 * (inside its {@code send}/{@code recv}), or on the registering thread if the registration's
 * re-check found it ready already. So once both parties of a round returned, a watch that was
 * not cancelled has run exactly once, and a cancelled one has not run and never will. (The one
 * exception is a rendezvous with a blocked sender, where the callback is awaited with a bound.)
 *
 * <p>Sizes: quick by default; {@code ./mvnw -B -pl core test -Pstress -Dtest='*StressTest'} for a
 * soak ({@link StressSupport}).
 */
class WatchStressTest {

    /**
     * An empty channel; one thread registers {@code watchReceivable}, the other sends. A
     * rendezvous has no buffer, so its sender is asynchronous ({@code sendAsync}) on even rounds
     * and blocked in {@code send} on odd rounds; either way, a waiting sender is what makes a
     * receive possible.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void watchReceivable_registeredDuringASend_alwaysFires(StressFlavor flavor) throws Exception {
        int rounds = scaled(5_000);
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        try (Race race = new Race("watch-recv-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                AtomicInteger fired = new AtomicInteger();
                int value = round;
                boolean blockedSender = flavor == StressFlavor.RENDEZVOUS && round % 2 == 1;
                if (blockedSender) {
                    race.run(() -> tx.send(value), () -> {
                        rx.watchReceivable(fired::incrementAndGet);
                        awaitFired(fired);
                        assertEquals(value, rx.tryRecv().orElse(-1), "a waiting sender after the callback");
                    });
                } else {
                    CompletableFuture<Void>[] sent = sendAndRegister(flavor, race, tx, value, rx, fired);
                    assertEquals(1, fired.get(), "the watch fired once (0 = lost wake-up)");
                    assertEquals(value, rx.tryRecv().orElse(-1), "the message is there");
                    assertTrue(sent[0] == null || sent[0].isDone());
                }
                assertEquals(1, fired.get(), "the watch fired more than once");
            }
        }
    }

    /**
     * As above, but the registering thread cancels its watch while the other one sends: a
     * {@code cancel()} that returns {@code true} means the callback never runs, not even on a
     * later message; {@code false} means it ran.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void watchReceivable_cancelledDuringASend_neverFiresAfterASuccessfulCancel(StressFlavor flavor)
            throws Exception {
        int rounds = scaled(5_000);
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        try (Race race = new Race("watch-cancel-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                AtomicInteger fired = new AtomicInteger();
                AtomicBoolean cancelled = new AtomicBoolean();
                int value = round;
                CompletableFuture<?>[] sent = new CompletableFuture<?>[1];
                race.run(() -> {
                    if (flavor == StressFlavor.RENDEZVOUS) {
                        sent[0] = tx.sendAsync(value);
                    } else {
                        tx.send(value);
                    }
                }, () -> {
                    Watch w = rx.watchReceivable(fired::incrementAndGet);
                    spin();
                    cancelled.set(w.cancel());
                });
                assertEquals(cancelled.get() ? 0 : 1, fired.get(),
                        "cancel() returned " + cancelled.get() + " but the callback ran " + fired.get() + " time(s)");
                assertEquals(value, rx.tryRecv().orElse(-1), "the message is there");
                if (cancelled.get()) {
                    assertTrue(tx.trySend(-1).isOk() || flavor == StressFlavor.RENDEZVOUS);
                    rx.tryRecv();
                    assertEquals(0, fired.get(), "a cancelled watch fired on a later message");
                }
            }
        }
    }

    /**
     * A full channel (for a rendezvous: no receiver waiting); one thread registers
     * {@code watchSendable}, the other makes room: {@code tryRecv} on a buffer, an asynchronous
     * receiver ({@code recvAsync}) on a rendezvous. Unbounded channels always have room.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void watchSendable_registeredWhileRoomAppears_alwaysFires(StressFlavor flavor) throws Exception {
        int rounds = scaled(5_000);
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        try (Race race = new Race("watch-send-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                while (flavor.capacity > 0 && tx.trySend(round).isOk()) {
                    // fill the buffer
                }
                AtomicInteger fired = new AtomicInteger();
                @SuppressWarnings({"unchecked", "rawtypes"})
                CompletableFuture<Integer>[] receiving = new CompletableFuture[1];
                race.run(() -> tx.watchSendable(fired::incrementAndGet), () -> {
                    if (flavor == StressFlavor.RENDEZVOUS) {
                        receiving[0] = rx.recvAsync();
                    } else {
                        rx.tryRecv();
                    }
                });
                assertEquals(1, fired.get(), "the watch fired once (0 = lost wake-up)");
                if (receiving[0] != null) {
                    assertEquals(TrySendResult.OK, tx.trySend(round), "a receiver waits after the callback");
                    assertEquals(round, receiving[0].get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
                }
            }
        }
    }

    /** Runs a send (or, on a rendezvous, a {@code sendAsync}) against a watch registration. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CompletableFuture<Void>[] sendAndRegister(StressFlavor flavor, Race race, Sender<Integer> tx,
            int value, Receiver<Integer> rx, AtomicInteger fired) throws Exception {
        CompletableFuture<Void>[] sent = new CompletableFuture[1];
        race.run(() -> {
            if (flavor == StressFlavor.RENDEZVOUS) {
                sent[0] = tx.sendAsync(value);
            } else {
                tx.send(value);
            }
        }, () -> rx.watchReceivable(fired::incrementAndGet));
        return sent;
    }

    /** Waits, bounded, for a callback that runs on a thread blocked in {@code send}. */
    private static void awaitFired(AtomicInteger fired) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (fired.get() == 0) {
            if (System.nanoTime() - deadline > 0) {
                fail("the watch did not fire within " + PATIENCE + " (lost wake-up)");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    /** A few hundred nanoseconds, so that a cancel lands anywhere in the peer's send. */
    private static void spin() {
        for (int i = ThreadLocalRandom.current().nextInt(64); i > 0; i--) {
            Thread.onSpinWait();
        }
    }
}
