package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Conformance of the overflow policies: what each send form does on a full channel, what the
 * receiver then sees, where dropped messages go, and which flavors accept which policy. Peer
 * behaviour: kotlinx {@code BufferOverflow} (DROP_LATEST, DROP_OLDEST, CONFLATED).
 */
@Timeout(20)
class OverflowPolicyTest {

    private static Channel<Integer> channel(int capacity, OverflowPolicy policy, List<Integer> discarded) {
        return Channel.<Integer>builder().capacity(capacity).overflow(policy).onDiscard(discarded::add).build();
    }

    // ==== Which flavors take which policy ====

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_NEWEST", "DROP_OLDEST"})
    void dropping_policy_is_rejected_for_rendezvous_and_unbounded(OverflowPolicy policy) {
        assertThrows(IllegalArgumentException.class, () -> Channel.builder().capacity(0).overflow(policy).build());
        assertThrows(IllegalArgumentException.class, () -> Channel.builder().unbounded().overflow(policy).build());
        assertThrows(IllegalArgumentException.class, () -> Channel.bounded(0, policy, null));
    }

    @Test
    void block_is_the_default_for_every_flavor() {
        assertSame(OverflowPolicy.BLOCK, Channel.bounded(4).sender().overflow());
        assertSame(OverflowPolicy.BLOCK, Channel.unbounded().sender().overflow());
        assertSame(OverflowPolicy.BLOCK, Channel.rendezvous().sender().overflow());
        assertSame(OverflowPolicy.BLOCK, Channel.builder().capacity(0).build().sender().overflow());
        assertEquals("unbounded", Channel.builder().unbounded().build().sender().stats().flavor());
    }

    @Test
    void builder_rejects_bad_capacity_and_nulls() {
        assertThrows(IllegalArgumentException.class, () -> Channel.builder().capacity(-1));
        assertThrows(IllegalArgumentException.class, () -> Channel.builder().capacity(Channel.MAX_CAPACITY + 1));
        assertThrows(NullPointerException.class, () -> Channel.builder().overflow(null));
        assertThrows(NullPointerException.class, () -> Channel.builder().name(null));
    }

    @Test
    void block_policy_via_builder_behaves_like_bounded() throws Exception {
        Channel<Integer> ch = Channel.<Integer>builder().capacity(1).build();
        assertEquals(TrySendResult.OK, ch.sender().trySend(1));
        assertEquals(TrySendResult.FULL, ch.sender().trySend(2));
        assertEquals(SendTimeoutResult.TIMEOUT, ch.sender().sendTimeout(2, Duration.ZERO));
        assertEquals(0, ch.sender().stats().dropped());
    }

    // ==== DROP_NEWEST ====

    @Test
    void drop_newest_rejects_the_new_message_in_every_send_form() throws Exception {
        List<Integer> discarded = new ArrayList<>();
        Channel<Integer> ch = channel(2, OverflowPolicy.DROP_NEWEST, discarded);
        Sender<Integer> tx = ch.sender();
        assertEquals(TrySendResult.OK, tx.trySend(1));
        tx.send(2);                                                   // fills it
        assertEquals(TrySendResult.DROPPED, tx.trySend(3));
        assertTrue(tx.trySend(3).isDropped());
        tx.send(4);                                                   // returns at once, dropped
        assertEquals(SendTimeoutResult.DROPPED, tx.sendTimeout(5, Duration.ofDays(1)));
        assertEquals(SendTimeoutResult.DROPPED, tx.sendDeadline(6, Instant.now().plusSeconds(3600)));
        CompletableFuture<Void> f = tx.sendAsync(7);
        assertTrue(f.isDone() && !f.isCompletedExceptionally());
        assertEquals(List.of(3, 3, 4, 5, 6, 7), discarded);
        assertEquals(2, tx.len());
        assertEquals(List.of(1, 2), TestSupport.drain(ch.receiver()));
        assertEquals(6, tx.stats().dropped(ChannelStats.DropReason.NEWEST));
        assertEquals(2, tx.stats().sent());
        assertEquals(2, tx.stats().received());
    }

    @Test
    void drop_newest_accepts_again_after_room_is_made() throws Exception {
        List<Integer> discarded = new ArrayList<>();
        Channel<Integer> ch = channel(1, OverflowPolicy.DROP_NEWEST, discarded);
        ch.sender().send(1);
        ch.sender().send(2);
        assertEquals(1, ch.receiver().recv());
        ch.sender().send(3);
        assertEquals(3, ch.receiver().recv());
        assertEquals(List.of(2), discarded);
    }

    // ==== DROP_OLDEST ====

    @Test
    void drop_oldest_evicts_the_head_and_keeps_the_newest_in_order() throws Exception {
        List<Integer> discarded = new ArrayList<>();
        Channel<Integer> ch = channel(3, OverflowPolicy.DROP_OLDEST, discarded);
        Sender<Integer> tx = ch.sender();
        for (int i = 1; i <= 10; i++) {
            tx.send(i);
            assertTrue(tx.len() <= 3, "len() never above capacity");
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), discarded);
        assertEquals(List.of(8, 9, 10), TestSupport.drain(ch.receiver()));
        assertEquals(7, tx.stats().dropped(ChannelStats.DropReason.OLDEST));
        assertEquals(10, tx.stats().sent());
        assertEquals(3, tx.stats().received());
    }

    @Test
    void drop_oldest_every_send_form_succeeds_at_once() throws Exception {
        List<Integer> discarded = new ArrayList<>();
        Channel<Integer> ch = channel(1, OverflowPolicy.DROP_OLDEST, discarded);
        Sender<Integer> tx = ch.sender();
        assertEquals(TrySendResult.OK, tx.trySend(1));
        assertEquals(TrySendResult.OK, tx.trySend(2));
        assertEquals(SendTimeoutResult.OK, tx.sendTimeout(3, Duration.ofDays(1)));
        assertEquals(SendTimeoutResult.OK, tx.sendDeadline(4, Instant.now().plusSeconds(3600)));
        assertTrue(tx.sendAsync(5).isDone());
        tx.send(6);
        assertEquals(List.of(1, 2, 3, 4, 5), discarded);
        assertEquals(6, ch.receiver().recv());
        assertTrue(ch.receiver().tryRecv().isEmpty());
    }

    @Test
    void drop_oldest_across_ring_wrap_around() {
        List<Integer> discarded = new ArrayList<>();
        Channel<Integer> ch = channel(4, OverflowPolicy.DROP_OLDEST, discarded);
        List<Integer> received = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            assertEquals(TrySendResult.OK, ch.sender().trySend(i));
            if (i % 3 == 0) {
                received.add(ch.receiver().tryRecv().value());
            }
        }
        received.addAll(TestSupport.drain(ch.receiver()));
        List<Integer> all = new ArrayList<>(received);
        all.addAll(discarded);
        all.sort(null);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, all.get(i), "each message received once or discarded once");
        }
        for (int i = 1; i < received.size(); i++) {
            assertTrue(received.get(i - 1) < received.get(i), "FIFO among survivors");
        }
        assertEquals(1000, ch.sender().stats().sent());
        assertEquals(received.size(), ch.sender().stats().received());
        assertEquals(discarded.size(), ch.sender().stats().dropped(ChannelStats.DropReason.OLDEST));
    }

    @Test
    void conflated_receiver_sees_the_latest() throws Exception {
        Channel<String> ch = Channel.conflated();
        assertEquals(1, ch.sender().capacity().getAsInt());
        assertSame(OverflowPolicy.DROP_OLDEST, ch.sender().overflow());
        ch.sender().send("a");
        ch.sender().send("b");
        ch.sender().send("c");
        assertEquals("c", ch.receiver().recv());
        assertTrue(ch.receiver().tryRecv().isEmpty());
        assertEquals(2, ch.receiver().stats().dropped(ChannelStats.DropReason.OLDEST));
    }

    @Test
    void drop_oldest_wakes_a_blocked_receiver() throws Exception {
        Channel<Integer> ch = Channel.conflated();
        TestSupport.Spawned<Integer> rx = TestSupport.spawn("rx", () -> ch.receiver().recv());
        TestSupport.awaitParked(rx.thread);
        ch.sender().send(7);
        assertEquals(7, rx.get());
    }

    // ==== Disconnection, hooks, and what dropping channels never do ====

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_NEWEST", "DROP_OLDEST"})
    void dropping_channel_reports_disconnection(OverflowPolicy policy) throws Exception {
        List<Integer> discarded = new ArrayList<>();
        Channel<Integer> ch = channel(1, policy, discarded);
        ch.sender().send(1);
        ch.receiver().close();
        assertEquals(List.of(1), discarded, "buffered message discarded on close");
        assertEquals(1, ch.sender().stats().dropped(ChannelStats.DropReason.CLOSED));
        assertEquals(TrySendResult.DISCONNECTED, ch.sender().trySend(2));
        assertEquals(SendTimeoutResult.DISCONNECTED, ch.sender().sendTimeout(2, Duration.ZERO));
        SendDisconnectedException e = assertThrows(SendDisconnectedException.class, () -> ch.sender().send(3));
        assertEquals(Integer.valueOf(3), e.message());
        assertTrue(ch.sender().sendAsync(4).isCompletedExceptionally());
        assertEquals(List.of(1), discarded, "refused messages are the caller's, not the hook's");
    }

    @ParameterizedTest
    @EnumSource(value = OverflowPolicy.class, names = {"DROP_NEWEST", "DROP_OLDEST"})
    void dropping_send_never_waits_even_when_interrupted_flag_is_set(OverflowPolicy policy) throws Exception {
        Channel<Integer> ch = channel(1, policy, new ArrayList<>());
        ch.sender().send(1);
        Thread.currentThread().interrupt();
        try {
            ch.sender().send(2);                         // never waits, so never throws InterruptedException
            assertTrue(Thread.currentThread().isInterrupted());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void dropping_without_hook_only_counts() {
        Channel<Integer> ch = Channel.bounded(1, OverflowPolicy.DROP_NEWEST, null);
        ch.sender().trySend(1);
        assertEquals(TrySendResult.DROPPED, ch.sender().trySend(2));
        assertEquals(1, ch.sender().stats().dropped());
    }

    @Test
    void discard_hook_failure_propagates_from_the_send() {
        Channel<Integer> ch = Channel.<Integer>builder().capacity(1).overflow(OverflowPolicy.DROP_OLDEST)
                .onDiscard(m -> { throw new IllegalStateException("hook " + m); }).build();
        ch.sender().trySend(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ch.sender().trySend(2));
        assertEquals("hook 1", e.getMessage());
        assertEquals(1, ch.sender().stats().dropped(ChannelStats.DropReason.OLDEST));
        assertEquals(2, ch.receiver().tryRecv().value(), "1 was evicted, 2 was sent before the hook ran");
    }

    @Test
    void name_is_reported() {
        assertEquals("orders", Channel.builder().capacity(2).name("orders").build().sender().stats().name().get());
        assertFalse(Channel.bounded(2).sender().stats().name().isPresent());
    }

    @Test
    void watch_sendable_on_dropping_channel_fires_when_room() {
        Channel<Integer> ch = Channel.conflated();
        ConcurrentLinkedQueue<String> fired = new ConcurrentLinkedQueue<>();
        ch.sender().watchSendable(() -> fired.add("room"));
        assertEquals(List.of("room"), List.copyOf(fired));
    }
}
