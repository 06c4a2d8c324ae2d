package dev.sluice.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.Receiver;
import dev.sluice.SendDisconnectedException;
import dev.sluice.Sender;
import dev.sluice.TrySendResult;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link FlowChannels#publisher}: demand, completion, error, cancel, one subscriber per handle. */
class PublisherTest {

    private static Channel<Integer> filled(int capacity, int count) {
        Channel<Integer> ch = Channel.bounded(capacity);
        Sender<Integer> tx = ch.sender();
        for (int i = 0; i < count; i++) {
            assertEquals(TrySendResult.OK, tx.trySend(i));
        }
        return ch;
    }

    @Test
    @DisplayName("emits at most what was requested; the rest stays in the channel")
    void emits_at_most_what_was_requested() throws Exception {
        Channel<Integer> ch = filled(8, 5);
        Sender<Integer> tx = ch.sender();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        sub.request(2);
        assertEquals(List.of(0, 1), sub.awaitItems(2));
        // 3 messages are still buffered: exactly 5 more fit into the 8 slots.
        for (int i = 0; i < 5; i++) {
            assertEquals(TrySendResult.OK, tx.trySend(100 + i));
        }
        assertEquals(TrySendResult.FULL, tx.trySend(999));
        assertEquals(List.of(0, 1), sub.items());
        sub.request(3);
        assertEquals(List.of(0, 1, 2, 3, 4), sub.awaitItems(5));
    }

    @Test
    @DisplayName("without demand a bounded channel fills up and the blocking producer waits; each request lets it go on")
    void without_demand_the_producer_waits() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        Producer producer = new Producer(ch.sender(), 100);
        Await.parked(producer.thread);
        assertEquals(4, producer.sent.get(), "the channel holds 4, the 5th send waits");
        assertEquals(List.of(), sub.items());

        sub.request(2);
        sub.awaitItems(2);
        Await.until("producer sent 6", () -> producer.sent.get() == 6);
        Await.parked(producer.thread);
        assertEquals(6, producer.sent.get(), "two taken, two more sent, then it waits again");
        assertEquals(List.of(0, 1), sub.items());
        sub.cancel();
    }

    @Test
    @DisplayName("a rendezvous producer hands over one message per request and waits without demand")
    void rendezvous_hands_over_per_request() throws Exception {
        Channel<Integer> ch = Channel.rendezvous();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        Producer producer = new Producer(ch.sender(), 10);
        Await.parked(producer.thread);
        assertEquals(0, producer.sent.get());
        sub.request(1);
        assertEquals(List.of(0), sub.awaitItems(1));
        Await.until("first send returned", () -> producer.sent.get() == 1);
        Await.parked(producer.thread);
        assertEquals(1, producer.sent.get());
        sub.request(Long.MAX_VALUE);
        sub.awaitComplete();
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), sub.items());
    }

    @Test
    @DisplayName("completes without a request when the channel is empty and every sender is closed")
    void completes_without_request_when_empty_and_disconnected() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        tx.close();
        sub.awaitComplete();
        assertEquals(List.of(), sub.items());
    }

    @Test
    @DisplayName("delivers the buffered messages before completing")
    void buffered_messages_before_completion() throws Exception {
        Channel<Integer> ch = filled(4, 3);
        ch.sender().close();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        sub.request(2);
        sub.awaitItems(2);
        assertTrue(!sub.terminal.isDone(), "one message is still buffered");
        sub.request(1);
        sub.awaitComplete();
        assertEquals(List.of(0, 1, 2), sub.items());
    }

    @Test
    @DisplayName("errors with the close cause, after the buffered messages")
    void errors_with_close_cause_after_buffered() throws Exception {
        Channel<Integer> ch = filled(4, 2);
        IllegalStateException cause = new IllegalStateException("upstream broke");
        ch.sender().closeChannel(cause);
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        sub.request(Long.MAX_VALUE);
        assertSame(cause, sub.awaitError());
        assertEquals(List.of(0, 1), sub.items());
    }

    @Test
    @DisplayName("cancel closes the receiver handle: senders see disconnection")
    void cancel_closes_the_handle() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        assertEquals(TrySendResult.OK, tx.trySend(1));
        sub.cancel();
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(2));
        assertEquals(List.of(), sub.items());
        assertTrue(!sub.terminal.isDone(), "no signal after cancel");
    }

    @Test
    @DisplayName("cancel wakes a producer blocked in send with SendDisconnectedException")
    void cancel_wakes_a_blocked_producer() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        Producer producer = new Producer(ch.sender(), 100);
        Await.parked(producer.thread);
        sub.cancel();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> producer.outcome.get(10, TimeUnit.SECONDS));
        assertInstanceOf(SendDisconnectedException.class, e.getCause());
    }

    @Test
    @DisplayName("rendezvous: a message handed over as the subscriber cancels is delivered, never lost")
    void rendezvous_hand_off_racing_cancel_is_delivered() throws Exception {
        for (int i = 0; i < 500; i++) {
            int round = i;
            Channel<Integer> ch = Channel.rendezvous();
            Sender<Integer> tx = ch.sender();
            Recorder<Integer> sub = new Recorder<>();
            FlowChannels.publisher(ch.receiver()).subscribe(sub);
            sub.request(1);                             // a receive is now pending on the channel
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            java.util.concurrent.CompletableFuture<Boolean> sent = new java.util.concurrent.CompletableFuture<>();
            Thread sender = new Thread(() -> {
                try {
                    start.await(10, TimeUnit.SECONDS);
                    tx.send(round);
                    sent.complete(true);
                } catch (SendDisconnectedException e) {
                    sent.complete(false);
                } catch (Throwable t) {
                    sent.completeExceptionally(t);
                }
            });
            sender.start();
            start.await(10, TimeUnit.SECONDS);
            sub.cancel();
            if (sent.get(10, TimeUnit.SECONDS)) {
                assertEquals(List.of(round), sub.awaitItems(1), "round " + round + ": sent, so delivered");
            } else {
                assertEquals(List.of(), sub.items(), "round " + round + ": refused, so not delivered");
            }
            sender.join(10_000);
        }
    }

    @Test
    @DisplayName("a second subscriber gets onSubscribe then IllegalStateException; the first is undisturbed")
    void second_subscriber_is_refused() throws Exception {
        Channel<Integer> ch = filled(4, 2);
        Flow.Publisher<Integer> publisher = FlowChannels.publisher(ch.receiver());
        Recorder<Integer> first = new Recorder<>();
        publisher.subscribe(first);
        Recorder<Integer> second = new Recorder<>();
        publisher.subscribe(second);
        assertInstanceOf(IllegalStateException.class, second.awaitError());
        assertEquals(1, second.onSubscribeCalls());
        first.request(2);
        assertEquals(List.of(0, 1), first.awaitItems(2));
        assertTrue(!first.terminal.isDone());
    }

    @Test
    @DisplayName("a subscriber after the first subscription ended gets IllegalStateException")
    void subscriber_after_the_end_is_refused() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Flow.Publisher<Integer> publisher = FlowChannels.publisher(ch.receiver());
        Recorder<Integer> first = new Recorder<>();
        publisher.subscribe(first);
        first.cancel();
        Recorder<Integer> late = new Recorder<>();
        publisher.subscribe(late);
        assertInstanceOf(IllegalStateException.class, late.awaitError());
    }

    @Test
    @DisplayName("request(0) signals IllegalArgumentException (rule 3.9) and closes the handle")
    void non_positive_request_is_an_error() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        sub.request(0);
        assertInstanceOf(IllegalArgumentException.class, sub.awaitError());
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(1));
    }

    @Test
    @DisplayName("an onNext that throws ends the subscription with onError (rule 2.13) and closes the handle")
    void throwing_onNext_becomes_onError() throws Exception {
        Channel<Integer> ch = filled(4, 2);
        Sender<Integer> tx = ch.sender();
        RuntimeException boom = new RuntimeException("boom");
        Recorder<Integer> sub = new Recorder<Integer>().onNext(item -> {
            throw boom;
        });
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        sub.request(2);
        assertSame(boom, sub.awaitError());
        assertEquals(List.of(0), sub.items());
        assertEquals(TrySendResult.DISCONNECTED, tx.trySend(1));
    }

    @Test
    @DisplayName("a closed receiver handle gives onSubscribe, then onError(IllegalStateException)")
    void closed_handle_is_an_error() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Receiver<Integer> rx = ch.receiver();
        rx.close();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(rx).subscribe(sub);
        assertInstanceOf(IllegalStateException.class, sub.awaitError());
        assertEquals(1, sub.onSubscribeCalls());
    }

    @Test
    @DisplayName("onNext runs on the thread that made the message available, not on a thread of the adapter")
    void no_thread_of_its_own() throws Exception {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender();
        Recorder<Integer> sub = new Recorder<>();
        FlowChannels.publisher(ch.receiver()).subscribe(sub);
        sub.request(1);
        tx.send(7);                                  // the publisher is waiting: the send delivers
        assertEquals(List.of(7), sub.awaitItems(1));
        assertSame(Thread.currentThread(), sub.onNextThreads().get(0));
    }
}
