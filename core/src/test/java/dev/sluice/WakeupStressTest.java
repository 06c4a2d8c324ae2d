package dev.sluice;

import static dev.sluice.StressSupport.PATIENCE;
import static dev.sluice.StressSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lost wake-ups: blocking senders and receivers that park and must be woken by their peer.
 *
 * <p>Every wait is bounded: a receiver uses {@code recvTimeout(10 s)} and fails on
 * {@code Timeout}, a sender {@code sendTimeout(10 s)} and fails on {@code TIMEOUT}; where the
 * plain blocking {@code send()}/{@code recv()} is the subject, {@link Race} fails the round after
 * 10 s and prints where each thread was parked. On two busy cores a healthy hand-off takes
 * microseconds, so a timeout here is a lost wake-up, not slowness.
 *
 * <p>Sizes: quick by default (the whole {@code *StressTest} set stays under a minute); for a
 * soak, {@code ./mvnw -B -pl core test -Pstress -Dtest='*StressTest'} multiplies them
 * ({@link StressSupport}). Reference: crossbeam-channel's {@code tests/array.rs}
 * {@code spsc}/{@code mpmc}, {@code tests/zero.rs} {@code stress_oneshot}.
 */
class WakeupStressTest {

    /**
     * One producer, one consumer, thousands of messages per round; alternately plain
     * {@code send()} against {@code recvTimeout} and {@code sendTimeout} against plain
     * {@code recv()}. Single producer, so every message must arrive in order.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void spsc_everyMessageArrivesInOrder(StressFlavor flavor) throws Exception {
        int rounds = scaled(20);
        int messages = 2_000;
        try (Race race = new Race("spsc-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                boolean plainSend = round % 2 == 0;
                race.run(() -> {
                    try (Sender<Integer> tx = ch.sender()) {
                        for (int i = 0; i < messages; i++) {
                            if (plainSend) {
                                tx.send(i);
                            } else {
                                assertEquals(SendTimeoutResult.OK, tx.sendTimeout(i, PATIENCE), "send #" + i);
                            }
                        }
                    }
                }, () -> {
                    try (Receiver<Integer> rx = ch.receiver()) {
                        for (int i = 0; i < messages; i++) {
                            Integer got;
                            if (plainSend) {
                                got = recvOrFail(rx, i);
                            } else {
                                got = rx.recv();
                            }
                            assertEquals(Integer.valueOf(i), got, "message order (null = a lost message)");
                        }
                        assertTrue(rx.recvTimeout(PATIENCE).isDisconnected(), "disconnected after the last message");
                    }
                });
            }
        }
    }

    /**
     * A sender blocked in {@code send()} and a receiver that polls with {@code tryRecv()}: on a
     * rendezvous every hand-off selects a registered, spinning sender, which returns the moment
     * it sees the selection and at once sends (and registers) again. The message read by the
     * receiver must still be the one of the send that returned, never {@code null} or the next
     * one.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void blockedSender_pollingReceiver_everyMessageArrivesInOrder(StressFlavor flavor) throws Exception {
        int messages = scaled(2_000);
        Channel<Integer> ch = flavor.create();
        try (Race race = new Race("polling-" + flavor)) {
            race.run(() -> {
                try (Sender<Integer> tx = ch.sender()) {
                    for (int i = 0; i < messages; i++) {
                        tx.send(i);
                    }
                }
            }, () -> {
                Receiver<Integer> rx = ch.receiver();
                long deadline = System.nanoTime() + PATIENCE.toNanos();
                for (int i = 0; i < messages; ) {
                    TryRecvResult<Integer> r = rx.tryRecv();
                    if (r.isValue()) {
                        assertEquals(Integer.valueOf(i), r.value(), "message order (null = a lost message)");
                        i++;
                        deadline = System.nanoTime() + PATIENCE.toNanos();
                    } else if (System.nanoTime() - deadline > 0) {
                        fail("message #" + i + " did not come within " + PATIENCE + " (a lost wake-up)");
                    } else {
                        Thread.yield();                    // let the sender at the channel's lock
                    }
                }
                assertTrue(rx.recvTimeout(PATIENCE).isDisconnected(), "disconnected after the last message");
            });
        }
    }

    /**
     * Ping-pong: each message waits for its reply, so both threads park on almost every
     * operation and each wake-up is needed exactly once.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void pingPong_eachHandOffWakesThePeer(StressFlavor flavor) throws Exception {
        int exchanges = scaled(5_000);
        Channel<Integer> ping = flavor.create();
        Channel<Integer> pong = flavor.create();
        try (Race race = new Race("pingpong-" + flavor)) {
            race.run(() -> {
                for (int i = 0; i < exchanges; i++) {
                    assertEquals(SendTimeoutResult.OK, ping.sender().sendTimeout(i, PATIENCE), "ping #" + i);
                    assertEquals(i + 1, recvOrFail(pong.receiver(), i));
                }
                ping.sender().close();
            }, () -> {
                for (int i = 0; i < exchanges; i++) {
                    int got = recvOrFail(ping.receiver(), i);
                    assertEquals(SendTimeoutResult.OK, pong.sender().sendTimeout(got + 1, PATIENCE), "pong #" + i);
                }
                assertTrue(ping.receiver().recvTimeout(PATIENCE).isDisconnected());
            });
        }
    }

    /**
     * Two producers and two competing consumers with blocking calls; consumers iterate until the
     * last producer closes. Every value arrives exactly once.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void mpmc_everyMessageArrivesExactlyOnce(StressFlavor flavor) throws Exception {
        int rounds = scaled(20);
        int perProducer = 2_000;
        try (Race race = new Race("mpmc-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                AtomicIntegerArray seen = new AtomicIntegerArray(2 * perProducer);
                Sender<Integer> tx0 = ch.sender();
                Sender<Integer> tx1 = tx0.clone();
                Receiver<Integer> rx0 = ch.receiver();
                Receiver<Integer> rx1 = rx0.clone();
                race.run(
                        () -> produce(tx0, 0, perProducer),
                        () -> produce(tx1, perProducer, perProducer),
                        () -> consume(rx0, seen),
                        () -> consume(rx1, seen));
                for (int v = 0; v < seen.length(); v++) {
                    assertEquals(1, seen.get(v), "value " + v + " received");
                }
            }
        }
    }

    private static void produce(Sender<Integer> tx, int from, int count) throws InterruptedException {
        try (tx) {
            for (int v = from; v < from + count; v++) {
                tx.send(v);
            }
        }
    }

    private static void consume(Receiver<Integer> rx, AtomicIntegerArray seen) {
        try (rx) {
            for (Integer v : rx) {                           // blocking recv() until disconnected
                if (seen.getAndIncrement(v) != 0) {
                    fail("value " + v + " received twice");
                }
            }
        }
    }

    /** {@code recvTimeout(10 s)}, failing on a timeout (a lost wake-up) or a disconnection. */
    static int recvOrFail(Receiver<Integer> rx, int index) throws InterruptedException {
        RecvTimeoutResult<Integer> r = rx.recvTimeout(PATIENCE);
        if (!r.isValue()) {
            fail("receive #" + index + " got " + r + " (a timeout here is a lost wake-up)");
        }
        if (r.value() == null) {
            fail("receive #" + index + " got null: the message was lost");
        }
        return r.value();
    }
}
