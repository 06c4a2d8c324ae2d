package dev.sluice.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Channel;
import dev.sluice.OverflowPolicy;
import dev.sluice.Receiver;
import dev.sluice.Sender;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

/**
 * The documented closed-handle contract, through the public API: the snapshot reads (state,
 * counters) work on a closed handle, so metrics can read a channel whose handles were closed;
 * every operation that sends, receives, waits, watches or makes a handle throws
 * {@link IllegalStateException}.
 */
@Timeout(30)
class ClosedHandleSnapshotsTest {

    @Test
    @DisplayName("monitoring through a closed handle works and reports the channel's numbers")
    void metrics_read_a_channel_through_a_closed_handle() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender().clone();
        Receiver<Integer> rx = ch.receiver().clone();
        tx.trySend(1);
        tx.trySend(2);
        tx.close();
        rx.close();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        SluiceMetrics.monitor(registry, rx, "closed", Tags.empty());
        assertEquals(2.0, registry.get("sluice.channel.buffered").gauge().value());
        assertEquals(4.0, registry.get("sluice.channel.capacity").gauge().value());
        assertEquals(2.0, registry.get("sluice.channel.sent").functionCounter().count());
    }

    @Test
    @DisplayName("the snapshot reads are exempt on a closed handle: len, isEmpty, isFull, capacity, isDisconnected, stats ...")
    void snapshot_reads_work_on_closed_handles() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender().clone();
        Receiver<Integer> rx = ch.receiver().clone();
        tx.trySend(1);
        tx.close();
        rx.close();
        assertTrue(tx.isClosed());
        assertTrue(rx.isClosed());
        assertEquals(1, tx.len());
        assertEquals(1, rx.len());
        assertFalse(tx.isEmpty());
        assertFalse(rx.isFull());
        assertEquals(OptionalInt.of(4), rx.capacity());
        assertEquals(OptionalInt.of(4), tx.capacity());
        assertFalse(rx.isDisconnected(), "other handles are still open");
        assertEquals(1, rx.stats().sent());
        assertEquals(1, tx.stats().buffered());
        assertEquals(OverflowPolicy.BLOCK, tx.overflow());
        assertTrue(tx.hasReceivers());
        assertFalse(tx.isClosedForSending());
        assertTrue(rx.closeCause().isEmpty());
        assertTrue(tx.sameChannel(rx));
        assertTrue(rx.toString().contains("closed"));
        tx.close();                                        // idempotent
        rx.close();
    }

    @Test
    @DisplayName("every other operation on a closed handle throws IllegalStateException")
    void operations_on_closed_handles_throw() {
        Channel<Integer> ch = Channel.bounded(4);
        Sender<Integer> tx = ch.sender().clone();
        Receiver<Integer> rx = ch.receiver().clone();
        tx.close();
        rx.close();
        Executable[] operations = {
            () -> tx.send(1), () -> tx.trySend(1), () -> tx.sendTimeout(1, Duration.ofMillis(1)), () -> tx.sendAsync(1),
            () -> tx.watchSendable(() -> { }), () -> tx.watchDisconnected(() -> { }), tx::clone, tx::closeChannel,
            rx::recv, rx::tryRecv, rx::poll, () -> rx.recvTimeout(Duration.ofMillis(1)), rx::recvAsync,
            () -> rx.watchReceivable(() -> { }), () -> rx.watchDisconnected(() -> { }), rx::clone, rx::iterator,
            rx::tryIter,
        };
        for (Executable op : operations) {
            assertThrows(IllegalStateException.class, op);
        }
    }
}
