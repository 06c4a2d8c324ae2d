package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * BadInputTest: misuse fails fast with a clear exception (the Java-specific rule): null
 * messages ({@link NullPointerException} naming {@code msg}), a negative capacity
 * ({@link IllegalArgumentException}), null timeouts, deadlines and callbacks, and any operation
 * on a closed handle, including {@code clone()} ({@link IllegalStateException} with a message).
 * A rejected call has no effect on the channel.
 */
@Timeout(10)
class BadInputTest {

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void null_message_is_rejected(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Map<String, Executable> sends = new LinkedHashMap<>();
        sends.put("send", () -> tx.send(null));
        sends.put("trySend", () -> tx.trySend(null));
        sends.put("sendTimeout", () -> tx.sendTimeout(null, Duration.ZERO));
        sends.put("sendDeadline", () -> tx.sendDeadline(null, Instant.now()));
        sends.put("sendAsync", () -> tx.sendAsync(null));
        sends.forEach((name, op) -> {
            NullPointerException e = assertThrows(NullPointerException.class, op, name);
            assertEquals("msg", e.getMessage(), name);
        });
        assertEquals(0, ch.receiver().len());
        assertTrue(ch.receiver().tryRecv().isEmpty());
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, -2, -16, Integer.MIN_VALUE})
    void negative_capacity_is_rejected(int capacity) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.bounded(capacity));
        assertTrue(e.getMessage().contains(String.valueOf(capacity)), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Channel.bounded(capacity, m -> { }));
    }

    // bounded(Integer.MAX_VALUE) died with OutOfMemoryError; the limit is a documented constant
    @Test
    void capacity_above_the_maximum_is_rejected_early() {
        for (int capacity : new int[] {Channel.MAX_CAPACITY + 1, Integer.MAX_VALUE}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Channel.bounded(capacity));
            assertTrue(e.getMessage().contains(String.valueOf(Channel.MAX_CAPACITY)), e.getMessage());
            assertTrue(e.getMessage().contains("unbounded"), e.getMessage());
        }
    }

    @Test
    void zero_capacity_is_a_rendezvous() {
        assertEquals(0, Channel.bounded(0).sender().capacity().getAsInt());
        assertEquals(0, Channel.bounded(0, m -> { }).receiver().capacity().getAsInt());
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void null_timeout_deadline_and_callback_are_rejected(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> tx.sendTimeout(1, null)).getMessage());
        assertEquals("deadline", assertThrows(NullPointerException.class, () -> tx.sendDeadline(1, null)).getMessage());
        assertEquals("timeout", assertThrows(NullPointerException.class, () -> rx.recvTimeout(null)).getMessage());
        assertEquals("deadline", assertThrows(NullPointerException.class, () -> rx.recvDeadline(null)).getMessage());
        assertEquals("callback", assertThrows(NullPointerException.class, () -> tx.watchSendable(null)).getMessage());
        assertEquals("callback", assertThrows(NullPointerException.class, () -> rx.watchReceivable(null)).getMessage());
        assertEquals(0, rx.len());
        assertTrue(rx.tryRecv().isEmpty());                      // 1 was never sent
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void closed_sender_rejects_every_operation(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx = ch.sender();
        Sender<Integer> keepOpen = tx.clone();
        tx.close();
        Map<String, Executable> ops = new LinkedHashMap<>();
        ops.put("send", () -> tx.send(1));
        ops.put("trySend", () -> tx.trySend(1));
        ops.put("sendTimeout", () -> tx.sendTimeout(1, Duration.ZERO));
        ops.put("sendDeadline", () -> tx.sendDeadline(1, Instant.now()));
        ops.put("sendAsync", () -> tx.sendAsync(1));
        ops.put("watchSendable", () -> tx.watchSendable(() -> { }));
        ops.put("clone", tx::clone);
        ops.put("closeChannel", tx::closeChannel);
        ops.put("closeChannel(cause)", () -> tx.closeChannel(new RuntimeException()));
        ops.forEach((name, op) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, op, name);
            assertNotNull(e.getMessage(), name);
            assertTrue(e.getMessage().contains("closed"), name + ": " + e.getMessage());
        });
        tx.close();                                              // close stays idempotent
        assertTrue(tx.isClosed());
        assertFalse(ch.receiver().isDisconnected());             // closeChannel did not run
        assertTrue(ch.receiver().tryRecv().isEmpty());
        keepOpen.close();
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void closed_receiver_rejects_every_operation(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> rx = ch.receiver();
        Receiver<Integer> keepOpen = rx.clone();
        if (flavor.buffers()) {
            ch.sender().send(7);
        }
        rx.close();
        Map<String, Executable> ops = new LinkedHashMap<>();
        ops.put("recv", rx::recv);
        ops.put("tryRecv", rx::tryRecv);
        ops.put("recvTimeout", () -> rx.recvTimeout(Duration.ZERO));
        ops.put("recvDeadline", () -> rx.recvDeadline(Instant.now()));
        ops.put("recvAsync", rx::recvAsync);
        ops.put("watchReceivable", () -> rx.watchReceivable(() -> { }));
        ops.put("iterator", rx::iterator);
        ops.put("stream", rx::stream);
        ops.put("tryIter", rx::tryIter);
        ops.put("clone", rx::clone);
        ops.forEach((name, op) -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, op, name);
            assertNotNull(e.getMessage(), name);
            assertTrue(e.getMessage().contains("closed"), name + ": " + e.getMessage());
        });
        rx.close();
        assertTrue(rx.isClosed());
        if (flavor.buffers()) {
            assertEquals(7, keepOpen.tryRecv().value());         // nothing was taken by the rejected calls
        }
        keepOpen.close();
    }

    // An iterator (or tryIter view) obtained before close fails on its next use, like any operation
    @ParameterizedTest
    @EnumSource(value = TestFlavor.class, names = {"BOUNDED_16", "UNBOUNDED"})
    void iterators_fail_after_their_handle_closes(TestFlavor flavor) throws Exception {
        Channel<Integer> ch = flavor.create();
        Receiver<Integer> keepOpen = ch.receiver().clone();
        ch.sender().send(1);
        var blocking = ch.receiver().iterator();
        Iterable<Integer> available = ch.receiver().tryIter();
        ch.receiver().close();
        assertThrows(IllegalStateException.class, blocking::hasNext);
        assertThrows(IllegalStateException.class, () -> available.iterator().hasNext());
        assertEquals(1, keepOpen.tryRecv().value());
    }

    // clone() of a closed handle is use-after-close; cloning an open handle after the OTHER side
    // closed still works (the clone just sees the disconnection)
    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void clone_of_closed_handle(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        Sender<Integer> tx2 = ch.sender().clone();
        ch.sender().close();
        assertThrows(IllegalStateException.class, ch.sender()::clone);
        ch.receiver().close();
        assertThrows(IllegalStateException.class, ch.receiver()::clone);
        Sender<Integer> tx3 = tx2.clone();
        assertEquals(TrySendResult.DISCONNECTED, tx3.trySend(1));
        tx3.close();
        tx2.close();
    }

    @ParameterizedTest
    @EnumSource(TestFlavor.class)
    void to_string_names_flavor_and_state(TestFlavor flavor) {
        Channel<Integer> ch = flavor.create();
        String name = flavor.isUnbounded() ? "unbounded" : flavor.isRendezvous() ? "rendezvous" : "bounded(";
        assertTrue(ch.sender().toString().contains(name), ch.sender().toString());
        assertTrue(ch.receiver().toString().contains(name), ch.receiver().toString());
        ch.sender().close();
        assertTrue(ch.sender().toString().contains("closed"));
        assertTrue(ch.toString().contains("Sender"));
    }
}
