package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.DisconnectedException;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import dev.sluice.TryRecvResult;
import dev.sluice.TrySendResult;
import java.util.List;
import java.util.concurrent.Flow;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link FlowChannels#subscriber}: requests only what fits, ends the channel as its source ends. */
class SubscriberTest {

    @Test
    @DisplayName("requests only the free room of a bounded channel another sender shares")
    void requests_only_the_free_room() {
        Channel<Integer> ch = Channel.bounded(8);
        Sender<Integer> other = ch.sender();
        for (int i = 0; i < 3; i++) {
            assertEquals(TrySendResult.OK, other.trySend(-1));
        }
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        assertEquals(List.of(5L), source.requests());
    }

    @Test
    @DisplayName("a full channel: nothing is requested until a receive makes room (watchSendable)")
    void full_channel_requests_after_room() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> other = ch.sender();
        for (int i = 0; i < 4; i++) {
            assertEquals(TrySendResult.OK, other.trySend(-1));
        }
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        assertEquals(List.of(), source.requests());
        Receiver<Integer> rx = ch.receiver();
        assertEquals(-1, rx.recv());
        assertEquals(List.of(1L), source.requests(), "one slot is free: one item asked for");
        source.push(10);
        for (int i = 0; i < 3; i++) {
            assertEquals(-1, rx.recv());
        }
        assertEquals(10, rx.recv());
    }

    @Test
    @DisplayName("while items are owed, top-ups wait for at least 3/4 of the capacity")
    void replenishes_in_batches_while_items_are_owed() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        Receiver<Integer> rx = ch.receiver();
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        assertEquals(List.of(8L), source.requests());
        for (int i = 0; i < 5; i++) {
            source.push(i);
        }
        for (int i = 0; i < 5; i++) {
            assertEquals(i, rx.recv());
        }
        // Item 5 sent: 2 owed, 7 free, so a top-up of 5 would be below 6 (= 8 - 8/4): wait.
        source.push(5);
        assertEquals(List.of(8L), source.requests());
        assertEquals(5, rx.recv());
        source.push(6);                      // 1 owed, 7 free (6 is in the channel): want 6 >= 6
        assertEquals(List.of(8L, 6L), source.requests());
        assertTrue(source.requested() - 7 <= 8, "owed (requested - sent) never exceeds the capacity");
    }

    @Test
    @DisplayName("completion of the source closes the sender: receivers get every item, then disconnection")
    void completion_disconnects_after_items() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        source.push(1);
        source.push(2);
        source.complete();
        assertEquals(1, rx.recv());
        assertEquals(2, rx.recv());
        assertInstanceOf(TryRecvResult.Disconnected.class, rx.tryRecv());
    }

    @Test
    @DisplayName("an error of the source closes the channel with it as cause, after the items")
    void error_becomes_the_close_cause() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        source.push(1);
        RuntimeException boom = new RuntimeException("boom");
        source.fail(boom);
        assertEquals(1, rx.recv());
        DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
        assertSame(boom, e.getCause());
    }

    @Test
    @DisplayName("when every receiver is gone the source is cancelled")
    void receivers_gone_cancels_the_source() {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        assertTrue(!source.cancelled());
        rx.close();
        assertTrue(source.cancelled());
    }

    @Test
    @DisplayName("a source that sends more than requested is cancelled; receivers see IllegalStateException as cause")
    void overflow_is_an_error() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        Receiver<Integer> rx = ch.receiver();
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        source.push(1);
        source.push(2);
        source.push(3);                          // only 2 were requested
        assertTrue(source.cancelled());
        assertEquals(1, rx.recv());
        assertEquals(2, rx.recv());
        DisconnectedException e = assertThrows(DisconnectedException.class, rx::recv);
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    @DisplayName("a second onSubscribe is cancelled (rule 2.5)")
    void second_subscription_is_cancelled() {
        Channel<Integer> ch = Channel.bounded(2);
        Flow.Subscriber<Integer> subscriber = FlowChannels.subscriber(ch.sender());
        ManualPublisher<Integer> first = new ManualPublisher<>();
        ManualPublisher<Integer> second = new ManualPublisher<>();
        first.subscribe(subscriber);
        second.subscribe(subscriber);
        assertTrue(second.cancelled());
        assertTrue(!first.cancelled());
        assertEquals(List.of(), second.requests());
    }

    @Test
    @DisplayName("rendezvous: one item is requested only while a receiver waits")
    void rendezvous_requests_while_a_receiver_waits() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Receiver<Integer> rx = ch.receiver();
        ManualPublisher<Integer> source = new ManualPublisher<>();
        source.subscribe(FlowChannels.subscriber(ch.sender()));
        assertEquals(List.of(), source.requests());
        var next = rx.recvAsync();
        assertEquals(List.of(1L), source.requests());
        source.push(42);
        assertEquals(42, next.get(10, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(List.of(1L), source.requests(), "no receiver waits now");
    }
}
