package dev.sluice;

import static dev.sluice.StressSupport.PATIENCE;
import static dev.sluice.StressSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Asynchronous operations racing with blocking peers: {@code recvAsync()} and
 * {@code sendAsync(m)} whose futures are cancelled while a peer pairs with them, hands them a
 * message or makes room.
 *
 * <p>The rule under test ({@link Receiver#recvAsync()}, {@link Sender#sendAsync(Object)}): a
 * {@code cancel} that returns {@code true} took nothing from the channel (receive) or put
 * nothing in it (send); one that returns {@code false} lost the race, and the future completes
 * with the transfer. The producer retries a value whose send was cancelled, so every value must
 * be received exactly once and, with one producer, in order.
 *
 * <p>Every wait on a future is bounded ({@code get(10 s)}). Sizes: quick by default;
 * {@code ./mvnw -B -pl core test -Pstress -Dtest='*StressTest'} for a soak ({@link StressSupport}).
 */
class AsyncStressTest {

    /**
     * A blocking producer sends 0..n-1 and closes; the consumer uses {@code recvAsync()} and
     * cancels about half of the futures at once, sometimes after a spin.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void cancelledRecvAsync_neverConsumes(StressFlavor flavor) throws Exception {
        int rounds = scaled(20);
        int messages = 1_000;
        try (Race race = new Race("recv-async-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                race.run(() -> {
                    try (Sender<Integer> tx = ch.sender()) {
                        for (int v = 0; v < messages; v++) {
                            tx.send(v);
                        }
                    }
                }, () -> {
                    try (Receiver<Integer> rx = ch.receiver()) {
                        int expected = 0;
                        for (;;) {
                            CompletableFuture<Integer> f = rx.recvAsync();
                            if (ThreadLocalRandom.current().nextBoolean()) {
                                spin();
                                if (f.cancel(false)) {
                                    assertTrue(f.isCancelled());
                                    continue;                      // nothing was taken
                                }
                            }
                            Integer v = awaitValue(f);
                            if (v == null) {
                                break;                             // disconnected
                            }
                            assertEquals(expected, v.intValue(), "a cancelled receive consumed a message");
                            expected++;
                        }
                        assertEquals(messages, expected, "messages received");
                    }
                });
            }
        }
    }

    /**
     * The producer uses {@code sendAsync(v)} and cancels about half of the futures, retrying
     * the value if the cancel won; the consumer receives with blocking {@code recv()} (or, on
     * every other round, with {@code recvAsync()}, so that two asynchronous operations pair).
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void cancelledSendAsync_neverDelivers(StressFlavor flavor) throws Exception {
        int rounds = scaled(20);
        int messages = 1_000;
        try (Race race = new Race("send-async-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                boolean asyncConsumer = round % 2 == 1;
                race.run(() -> {
                    try (Sender<Integer> tx = ch.sender()) {
                        for (int v = 0; v < messages; v++) {
                            for (;;) {
                                CompletableFuture<Void> f = tx.sendAsync(v);
                                if (ThreadLocalRandom.current().nextBoolean()) {
                                    spin();
                                    if (f.cancel(false)) {
                                        continue;                  // not sent: send it again
                                    }
                                }
                                f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
                                break;
                            }
                        }
                    }
                }, () -> {
                    try (Receiver<Integer> rx = ch.receiver()) {
                        for (int expected = 0; expected < messages; expected++) {
                            Integer v = asyncConsumer ? awaitValue(rx.recvAsync()) : WakeupStressTest.recvOrFail(rx, expected);
                            assertNotNull(v, "disconnected after " + expected + " messages");
                            assertEquals(expected, v.intValue(), "a cancelled send delivered, or a message was lost");
                        }
                        assertTrue(rx.recvTimeout(PATIENCE).isDisconnected(), "nothing after the last message");
                    }
                });
            }
        }
    }

    /** The future's message, or {@code null} if it failed with a disconnection; bounded wait. */
    private static Integer awaitValue(CompletableFuture<Integer> f) throws InterruptedException {
        try {
            Integer v = f.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(v, "a future completed with null: a message was lost");
            return v;
        } catch (ExecutionException e) {
            assertInstanceOf(DisconnectedException.class, e.getCause());
            return null;
        } catch (TimeoutException e) {
            return fail("a receive future did not complete within " + PATIENCE + " (lost wake-up)");
        }
    }

    /** A few hundred nanoseconds, so that a cancel lands anywhere in the peer's operation. */
    private static void spin() {
        for (int i = ThreadLocalRandom.current().nextInt(64); i > 0; i--) {
            Thread.onSpinWait();
        }
    }
}
