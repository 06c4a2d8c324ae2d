package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link FlowChannels#toReceiver}: a blocking Receiver over any Flow.Publisher. */
class ToReceiverTest {

    @Test
    @DisplayName("upstream demand is the free capacity; never more is owed than fits")
    void demand_is_the_free_capacity() throws Exception {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(source, 4)) {
            assertEquals(List.of(4L), source.requests());
            for (int i = 0; i < 4; i++) {
                source.push(i);
            }
            assertEquals(List.of(4L), source.requests(), "full: nothing more asked");
            assertEquals(0, rx.recv());
            assertEquals(1, rx.recv());
            assertEquals(List.of(4L), source.requests(), "two slots free: below the batch of 3 = 4 - 4/4");
            assertEquals(2, rx.recv());
            assertEquals(List.of(4L, 3L), source.requests(), "three slots free: one batch");
        }
    }

    @Test
    @DisplayName("a slow consumer taking one item at a time gets batches of at least 3/4 of the capacity: [16, 12, 12, 12, 12]")
    void slow_consumer_gets_batched_requests() throws Exception {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(source, 16)) {
            assertEquals(OptionalInt.of(16), rx.capacity(), "one channel of the whole capacity");
            int pushed = 0;
            for (int taken = 0; taken < 64; taken++) {
                while (pushed < source.requested() && pushed < 64) {
                    source.push(pushed++);                  // the source delivers all it was asked for
                    if (pushed == 64) {
                        source.complete();
                    }
                }
                assertTrue(source.requested() - taken <= 16, "never more owed or buffered than fits");
                assertEquals(taken, rx.poll());             // the consumer takes one (it is there)
            }
            assertEquals(List.of(16L, 12L, 12L, 12L, 12L), source.requests());
            assertTrue(rx.isDisconnected(), "the source completed");
        }
    }

    @Test
    @DisplayName("completion: the consumer gets every item, then the iteration ends")
    void completion_ends_the_iteration_after_the_items() {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(source, 4)) {
            source.push(1);
            source.push(2);
            source.complete();
            List<Integer> got = new ArrayList<>();
            rx.forEach(got::add);
            assertEquals(List.of(1, 2), got);
        }
    }

    @Test
    @DisplayName("error: the consumer gets every item, then DisconnectedException with the error as cause")
    void error_after_the_items() throws Exception {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(source, 4)) {
            source.push(1);
            RuntimeException boom = new RuntimeException("boom");
            source.fail(boom);
            assertEquals(1, rx.recv());
            DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
            assertSame(boom, e.getCause());
        }
    }

    @Test
    @DisplayName("closing the receiver cancels the source")
    void close_cancels_the_source() {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        Receiver<Integer> rx = FlowChannels.toReceiver(source, 4);
        source.push(1);
        assertTrue(!source.cancelled());
        rx.close();
        assertTrue(source.cancelled());
    }

    @Test
    @DisplayName("a consumer blocked in recv wakes when the source completes, and when it fails")
    void blocked_consumer_wakes_on_completion_and_error() throws Exception {
        for (RuntimeException failure : new RuntimeException[] {null, new RuntimeException("late")}) {
            ManualPublisher<Integer> source = new ManualPublisher<>();
            Receiver<Integer> rx = FlowChannels.toReceiver(source, 2);
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            Thread consumer = new Thread(() -> {
                try {
                    outcome.complete(rx.recv());
                } catch (Throwable t) {
                    outcome.completeExceptionally(t);
                }
            }, "blocked-consumer");
            consumer.setDaemon(true);
            consumer.start();
            Await.parked(consumer);
            if (failure == null) {
                source.complete();
            } else {
                source.fail(failure);
            }
            ExecutionException e = assertThrows(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));
            DisconnectedException d = assertInstanceOf(DisconnectedException.class, e.getCause());
            assertSame(failure, d.getCause());
            rx.close();
        }
    }

    @Test
    @DisplayName("closing the receiver under a consumer blocked in recv wakes it and cancels the source")
    void close_under_a_blocked_consumer() throws Exception {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        Receiver<Integer> rx = FlowChannels.toReceiver(source, 2);
        CompletableFuture<Object> outcome = new CompletableFuture<>();
        Thread consumer = new Thread(() -> {
            try {
                outcome.complete(rx.recv());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, "blocked-consumer");
        consumer.setDaemon(true);
        consumer.start();
        Await.parked(consumer);
        rx.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> outcome.get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertTrue(source.cancelled());
    }

    @Test
    @DisplayName("rendezvous: an item is requested only while the consumer waits in recv")
    void rendezvous_requests_while_the_consumer_waits() throws Exception {
        ManualPublisher<Integer> source = new ManualPublisher<>();
        try (Receiver<Integer> rx = FlowChannels.toReceiver(source, 0)) {
            assertEquals(List.of(), source.requests());
            CompletableFuture<Integer> next = rx.recvAsync();
            assertEquals(List.of(1L), source.requests());
            source.push(9);
            assertEquals(9, next.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    @DisplayName("a bad capacity is refused at once")
    void bad_capacity_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> FlowChannels.toReceiver(new ManualPublisher<Integer>(), -1));
    }
}
