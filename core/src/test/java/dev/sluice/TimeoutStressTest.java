package dev.sluice;

import static dev.sluice.StressSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Timeout races: {@code sendTimeout}/{@code recvTimeout} with tiny timeouts expire while a peer
 * is about to pair with them, hand them a message, or make room.
 *
 * <p>The rule under test: a send that reports {@code TIMEOUT} did not deliver its message, and a
 * receive that reports {@code Timeout} did not consume one. Producers therefore retry each value
 * until a send reports {@code OK}: if a timed-out send had delivered anyway, its value would
 * arrive twice; if a timed-out receive had consumed a message, that value would never arrive.
 * So the receivers must see every value exactly once.
 *
 * <p>Timeouts cycle through 0 (no wait at all), 1 µs (expires during the back-off), and
 * 20 and 100 µs (expire while parked), so every exit of the slow path races with the peer.
 * Sizes: quick by default; {@code ./mvnw -B -pl core test -Pstress -Dtest='*StressTest'} for a
 * soak ({@link StressSupport}).
 */
class TimeoutStressTest {
    private static final Duration[] TINY = {
        Duration.ZERO, Duration.ofNanos(1_000), Duration.ofNanos(20_000), Duration.ofNanos(100_000),
    };

    private static Duration tiny() {
        return TINY[ThreadLocalRandom.current().nextInt(TINY.length)];
    }

    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void timedOutOperations_neverTransfer(StressFlavor flavor) throws Exception {
        int rounds = scaled(40);
        int perProducer = 300;
        int total = 2 * perProducer;
        try (Race race = new Race("timeouts-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                AtomicIntegerArray seen = new AtomicIntegerArray(total);
                AtomicInteger received = new AtomicInteger();
                Sender<Integer> tx0 = ch.sender();
                Sender<Integer> tx1 = tx0.clone();
                Receiver<Integer> rx0 = ch.receiver();
                Receiver<Integer> rx1 = rx0.clone();
                race.run(
                        () -> produce(tx0, 0, perProducer),
                        () -> produce(tx1, perProducer, perProducer),
                        () -> consume(rx0, seen, received, total),
                        () -> consume(rx1, seen, received, total));
                for (int v = 0; v < total; v++) {
                    assertEquals(1, seen.get(v), "value " + v + " received");
                }
            }
        }
    }

    /** Sends each value with tiny timeouts until one send reports OK. */
    private static void produce(Sender<Integer> tx, int from, int count) throws InterruptedException {
        for (int v = from; v < from + count; v++) {
            for (;;) {
                SendTimeoutResult r = tx.sendTimeout(v, tiny());
                if (r.isOk()) {
                    break;
                }
                assertEquals(SendTimeoutResult.TIMEOUT, r, "the receivers are open");
                Thread.onSpinWait();
            }
        }
        tx.close();
    }

    /** Receives with tiny timeouts until all values arrived (or, for safety, disconnection). */
    private static void consume(Receiver<Integer> rx, AtomicIntegerArray seen, AtomicInteger received, int total)
            throws InterruptedException {
        long deadline = System.nanoTime() + StressSupport.PATIENCE.toNanos();
        while (received.get() < total) {
            RecvTimeoutResult<Integer> r = rx.recvTimeout(tiny());
            if (r.isValue()) {
                Integer v = r.value();
                assertNotNull(v, "received null: a message was lost");
                if (seen.getAndIncrement(v) != 0) {
                    fail("value " + v + " received twice: a timed-out send delivered");
                }
                received.incrementAndGet();
            } else if (r.isDisconnected()) {
                break;                                 // the other receiver took the rest
            } else if (System.nanoTime() - deadline > 0) {
                fail("only " + received.get() + " of " + total
                        + " values arrived within 10 s: a timed-out receive consumed one");
            }
        }
    }
}
