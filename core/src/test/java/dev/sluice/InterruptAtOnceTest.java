package dev.sluice;

import static dev.sluice.TestSupport.WAIT;
import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.spawn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.sluice.TestSupport.Spawned;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * InterruptAtOnceTest: the interruption rule, java.util.concurrent's convention
 * ({@code ArrayBlockingQueue.put}, {@code SynchronousQueue}): a blocking or timed call made with
 * the interrupt status set throws {@link InterruptedException} at once and consumes nothing, even
 * when it could have completed without waiting and even with a zero timeout; a busy loop of
 * successful calls notices an interrupt at its next call. (Such a loop sharing
 * one CPU with its producer used to run on with the status set.) CI also runs this class pinned to
 * one CPU.
 */
@Timeout(30)
class InterruptAtOnceTest {

    /** One blocking or timed call. */
    @FunctionalInterface
    interface Call {
        void on(Sender<Integer> tx, Receiver<Integer> rx) throws Exception;
    }

    private static void assertThrowsAtOnceAndConsumesNothing(TestFlavor flavor, boolean withMessage, Call call)
            throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        if (withMessage) {
            tx.send(1);                                      // something to receive, room left or not
        }
        int before = rx.len();
        run("caller", () -> {
            Thread.currentThread().interrupt();
            try {
                call.on(tx, rx);
                fail("returned normally although called with the interrupt status set");
            } catch (InterruptedException expected) {
                assertFalse(Thread.currentThread().isInterrupted(), "throwing clears the status");
            }
        }).get();
        assertEquals(before, rx.len(), "nothing consumed or added");
        if (withMessage) {
            assertEquals(1, rx.tryRecv().value());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void recv_with_the_flag_set_throws_at_once_although_a_message_is_there(TestFlavor flavor) throws Exception {
        assertThrowsAtOnceAndConsumesNothing(flavor, true, (tx, rx) -> rx.recv());
        assertThrowsAtOnceAndConsumesNothing(flavor, true, (tx, rx) -> rx.recvTimeout(Duration.ofMinutes(1)));
        assertThrowsAtOnceAndConsumesNothing(flavor, true, (tx, rx) -> rx.recvDeadline(Instant.now().plusSeconds(60)));
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void recv_timeout_zero_with_the_flag_set_throws_although_a_message_is_there(TestFlavor flavor) throws Exception {
        assertThrowsAtOnceAndConsumesNothing(flavor, true, (tx, rx) -> rx.recvTimeout(Duration.ZERO));
    }

    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_1", "BOUNDED_16"})
    void send_with_the_flag_set_throws_at_once_although_there_is_room(TestFlavor flavor) throws Exception {
        assertThrowsAtOnceAndConsumesNothing(flavor, false, (tx, rx) -> tx.send(2));
        assertThrowsAtOnceAndConsumesNothing(flavor, false, (tx, rx) -> tx.sendTimeout(2, Duration.ofMinutes(1)));
        assertThrowsAtOnceAndConsumesNothing(flavor, false, (tx, rx) -> tx.sendDeadline(2, Instant.now().plusSeconds(60)));
    }

    // A former inconsistency: sendTimeout(m, ZERO) with the flag set threw on a rendezvous
    // but returned TIMEOUT on a bounded channel. Now every flavor that can wait throws.
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"RENDEZVOUS", "BOUNDED_1", "BOUNDED_16"})
    void send_timeout_zero_with_the_flag_set_throws_on_every_flavor(TestFlavor flavor) throws Exception {
        assertThrowsAtOnceAndConsumesNothing(flavor, false, (tx, rx) -> tx.sendTimeout(2, Duration.ZERO));
        if (!flavor.isRendezvous()) {
            assertThrowsAtOnceAndConsumesNothing(flavor, true, (tx, rx) -> tx.sendTimeout(2, Duration.ZERO));
        }
    }

    // A rendezvous with a receiver waiting right now: the send could complete without waiting, but
    // it is a blocking call made with the flag set, so it throws and the receiver keeps waiting
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "RENDEZVOUS")
    void rendezvous_send_with_the_flag_set_throws_although_a_receiver_waits(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Spawned<Integer> receiver = spawn("receiver", ch.receiver()::recv).awaitBlocked();
        run("caller", () -> {
            Thread.currentThread().interrupt();
            try {
                ch.sender().send(1);
                fail("sent although called with the interrupt status set");
            } catch (InterruptedException expected) {
                // nothing handed over
            }
        }).get();
        assertFalse(receiver.isDone());
        ch.sender().send(2);
        assertEquals(2, receiver.get());
    }

    // An unbounded send never waits (LinkedTransferQueue.put): it is not a blocking call, so it
    // succeeds and leaves the interrupt status as it was
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = "UNBOUNDED")
    void unbounded_send_never_waits_so_the_flag_is_left_alone(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        run("caller", () -> {
            Thread.currentThread().interrupt();
            ch.sender().send(1);
            assertTrue(Thread.interrupted());
        }).get();
        assertEquals(1, ch.receiver().tryRecv().value());
    }

    // The reproduction: `while (true) rx.recv()` kept succeeding with the status set. A
    // producer floods the channel; once the consumer is busy receiving it is interrupted, and its
    // next recv() throws. Every message is either received or still in the channel.
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void busy_receive_loop_stops_at_the_next_call_after_an_interrupt(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        Spawned<Void> producer = run("producer", () -> {
            try (tx) {
                for (int i = 0; i < 50_000_000 && !stop.get(); i++) {
                    if (tx.sendTimeout(i, Duration.ofMillis(10)) == SendTimeoutResult.OK) {
                        sent.incrementAndGet();
                    }
                }
            }
        });
        CountDownLatch busy = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        Spawned<Void> consumer = run("consumer", () -> {
            try {
                for (;;) {
                    rx.recv();
                    if (received.incrementAndGet() == 1_000) {
                        busy.countDown();
                    }
                }
            } catch (InterruptedException expected) {
                // the loop ends at the first call after the interrupt
            }
        });
        assertTrue(busy.await(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        consumer.thread.interrupt();
        consumer.get();                                      // fails if the loop ran on past WAIT
        stop.set(true);
        producer.get();
        long left = TestSupport.drain(rx).size();
        assertEquals(sent.get(), received.get() + left, "received + left in the channel = sent");
    }
}
