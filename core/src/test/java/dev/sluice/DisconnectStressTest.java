package dev.sluice;

import static dev.sluice.StressSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Disconnection races: the last sender or the last receiver closes while the other side is
 * blocked or in the middle of an operation.
 *
 * <p>What must hold in every round: nobody hangs (a round that does not finish within 10 s
 * fails with every thread's stack, see {@link Race}); and the books balance: every message whose
 * send returned normally is received or passed to the discard hook, exactly once, and no message
 * whose send failed shows up anywhere.
 *
 * <p>Sizes: quick by default; {@code ./mvnw -B -pl core test -Pstress -Dtest='*StressTest'} for a
 * soak ({@link StressSupport}). Reference: crossbeam-channel's {@code tests/array.rs}
 * {@code disconnect_wakes_sender}, {@code disconnect_wakes_receiver}, {@code drops}.
 */
class DisconnectStressTest {
    /** The most messages a producer sends in one round. */
    private static final int QUOTA = 100;

    /**
     * A producer sends 0, 1, 2, ... with blocking {@code send()} until the channel disconnects
     * (or a quota is reached);
     * the consumer takes a few messages and closes the only receiver, often while the producer
     * is parked on a full buffer or a missing partner. Received messages are a prefix
     * 0..k-1, discarded ones continue it, and together they are exactly what was sent.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void lastReceiverClose_wakesTheSender_andDiscardsTheRest(StressFlavor flavor) throws Exception {
        int rounds = scaled(1_000);
        try (Race race = new Race("rx-close-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                ConcurrentLinkedQueue<Integer> discarded = new ConcurrentLinkedQueue<>();
                Channel<Integer> ch = flavor.create(discarded::add);
                int take = ThreadLocalRandom.current().nextInt(4);
                AtomicInteger sent = new AtomicInteger();
                List<Integer> received = new ArrayList<>();
                race.run(() -> {
                    Sender<Integer> tx = ch.sender();
                    for (int i = 0; i < QUOTA; i++) {           // bounded for the unbounded flavor
                        try {
                            tx.send(i);
                            sent.incrementAndGet();
                        } catch (SendDisconnectedException e) {
                            assertEquals(Integer.valueOf(i), e.message(), "the exception hands back the message");
                            break;
                        }
                    }
                    tx.close();
                }, () -> {
                    Receiver<Integer> rx = ch.receiver();
                    for (int i = 0; i < take; i++) {
                        received.add(rx.recv());
                    }
                    rx.close();
                });
                List<Integer> all = new ArrayList<>(received);
                all.addAll(discarded);
                assertEquals(sent.get(), all.size(), "sent = received " + received + " + discarded " + discarded);
                for (int i = 0; i < all.size(); i++) {
                    assertEquals(Integer.valueOf(i), all.get(i), "received then discarded, in send order");
                }
            }
        }
    }

    /**
     * Two receivers iterate with blocking {@code recv()} (often parked on an empty channel); two
     * producers send a few messages each and close their handles. Both receivers must end, and
     * together they got every message exactly once.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void lastSenderClose_wakesEveryReceiver_afterTheLastMessage(StressFlavor flavor) throws Exception {
        int rounds = scaled(1_000);
        try (Race race = new Race("tx-close-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                int perProducer = ThreadLocalRandom.current().nextInt(4);
                AtomicIntegerArray seen = new AtomicIntegerArray(2 * perProducer + 1);
                Sender<Integer> tx0 = ch.sender();
                Sender<Integer> tx1 = tx0.clone();
                Receiver<Integer> rx0 = ch.receiver();
                Receiver<Integer> rx1 = rx0.clone();
                race.run(
                        () -> sendAndClose(tx0, 0, perProducer),
                        () -> sendAndClose(tx1, perProducer, perProducer),
                        () -> receiveUntilDisconnected(rx0, seen),
                        () -> receiveUntilDisconnected(rx1, seen));
                for (int v = 0; v < 2 * perProducer; v++) {
                    assertEquals(1, seen.get(v), "value " + v + " received");
                }
            }
        }
    }

    /**
     * Both sides close at once: two producers {@code trySend} until they see
     * {@code DISCONNECTED} or a quota, then close their handles; the consumer takes a few and
     * closes the only receiver. Every accepted message is received or discarded exactly once.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void bothSidesClose_concurrently_nothingLostOrDuplicated(StressFlavor flavor) throws Exception {
        int rounds = scaled(1_000);
        int quota = QUOTA / 2;
        try (Race race = new Race("both-close-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                AtomicIntegerArray accounted = new AtomicIntegerArray(2 * quota);
                Channel<Integer> ch = flavor.create(m -> count(accounted, m));
                AtomicIntegerArray accepted = new AtomicIntegerArray(2 * quota);
                Sender<Integer> tx0 = ch.sender();
                Sender<Integer> tx1 = tx0.clone();
                int take = ThreadLocalRandom.current().nextInt(4);
                race.run(
                        () -> trySendAndClose(tx0, 0, quota, accepted),
                        () -> trySendAndClose(tx1, quota, quota, accepted),
                        () -> {
                            Receiver<Integer> rx = ch.receiver();
                            for (int i = 0; i < take; i++) {
                                TryRecvResult<Integer> r = rx.tryRecv();
                                if (r.isValue()) {
                                    count(accounted, r.value());
                                }
                            }
                            rx.close();
                        });
                for (int v = 0; v < 2 * quota; v++) {
                    assertEquals(accepted.get(v), accounted.get(v),
                            "value " + v + ": accepted " + accepted.get(v) + " time(s), received or discarded "
                                    + accounted.get(v));
                }
            }
        }
    }

    /**
     * {@code closeChannel(cause)} while receivers wait and a producer sends: receivers get
     * every message accepted before the close, then the cause; later sends fail.
     */
    @ParameterizedTest
    @EnumSource(StressFlavor.class)
    @Timeout(60)
    void closeChannelWithCause_racesWithSendAndRecv(StressFlavor flavor) throws Exception {
        int rounds = scaled(1_000);
        try (Race race = new Race("close-cause-" + flavor)) {
            for (int round = 0; round < rounds; round++) {
                Channel<Integer> ch = flavor.create();
                IllegalStateException cause = new IllegalStateException("round " + round);
                Sender<Integer> producer = ch.sender();
                Sender<Integer> closer = producer.clone();
                AtomicIntegerArray accepted = new AtomicIntegerArray(20);
                AtomicIntegerArray seen = new AtomicIntegerArray(20);
                race.run(() -> {
                    for (int v = 0; v < 20; v++) {
                        SendTimeoutResult r = producer.sendTimeout(v, StressSupport.PATIENCE);
                        assertFalse(r.isTimeout(), "a send waited 10 s");
                        if (r.isOk()) {
                            accepted.incrementAndGet(v);
                        }
                    }
                    producer.close();
                }, () -> closer.closeChannel(cause), () -> {
                    Receiver<Integer> rx = ch.receiver();
                    for (;;) {
                        RecvTimeoutResult<Integer> r = rx.recvTimeout(StressSupport.PATIENCE);
                        assertFalse(r.isTimeout(), "a receive waited 10 s");
                        if (r instanceof RecvTimeoutResult.Disconnected<Integer> d) {
                            assertSame(cause, d.cause(), "the close cause");
                            break;
                        }
                        assertNotNull(r.value());
                        count(seen, r.value());
                    }
                    rx.close();
                });
                for (int v = 0; v < 20; v++) {
                    assertEquals(accepted.get(v), seen.get(v), "value " + v);
                }
            }
        }
    }

    private static void sendAndClose(Sender<Integer> tx, int from, int count) throws InterruptedException {
        try (tx) {
            for (int v = from; v < from + count; v++) {
                tx.send(v);
            }
        }
    }

    private static void trySendAndClose(Sender<Integer> tx, int from, int count, AtomicIntegerArray accepted) {
        try (tx) {
            for (int v = from; v < from + count; v++) {
                TrySendResult r = tx.trySend(v);
                if (r.isOk()) {
                    accepted.incrementAndGet(v);
                } else if (r.isDisconnected()) {
                    return;
                }
            }
        }
    }

    private static void receiveUntilDisconnected(Receiver<Integer> rx, AtomicIntegerArray seen)
            throws InterruptedException {
        try (rx) {
            for (;;) {
                Integer v;
                try {
                    v = rx.recv();
                } catch (DisconnectedException e) {
                    assertTrue(rx.tryRecv().isDisconnected(), "disconnected stays disconnected");
                    return;
                }
                if (v == null) {
                    fail("received null: a message was lost");
                }
                count(seen, v);
            }
        }
    }

    private static void count(AtomicIntegerArray counts, Integer v) {
        if (counts.getAndIncrement(v) != 0) {
            fail("value " + v + " delivered twice");
        }
    }
}
