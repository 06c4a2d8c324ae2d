package dev.sluice;

import static dev.sluice.TestSupport.run;
import static dev.sluice.TestSupport.scaled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.TestSupport.Spawned;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ListFlavorTest: unbounded-only behaviour ({@code unbounded()}, {@link ListFlavor}): messages
 * cross block boundaries (31 slots per block) in order, {@code len} counts across blocks, sends
 * never wait and never report full, and a disconnected list still drains across blocks.
 */
@Timeout(20)
class ListFlavorTest {
    private static final int BLOCK = 31;

    // std tests.rs `recv_a_lot`
    @Test
    void recv_a_lot() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        for (int i = 0; i < 10_000; i++) {
            ch.sender().send(i);
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, ch.receiver().recv());
        }
        assertTrue(ch.receiver().isEmpty());
    }

    // len and FIFO around the block boundaries (30, 31, 32, 61, 62, 63 ... messages)
    @ParameterizedTest
    @ValueSource(ints = {BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK, 2 * BLOCK + 1, 10 * BLOCK + 5})
    void len_across_blocks(int count) throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        for (int round = 0; round < 3; round++) {                  // start each round at a new offset
            for (int i = 0; i < count; i++) {
                tx.send(i);
                assertEquals(i + 1, tx.len());
                assertFalse(tx.isFull());
            }
            for (int i = 0; i < count; i++) {
                assertEquals(i, rx.tryRecv().value());
                assertEquals(count - i - 1, rx.len());
            }
            assertTrue(rx.isEmpty());
            assertEquals(TrySendResult.OK, tx.trySend(-1));        // shift the next round by one
            assertEquals(-1, rx.tryRecv().value());
        }
    }

    // crossbeam list.rs `len` / `spsc`: concurrent sends and receives over many blocks
    @Test
    void spsc_across_blocks() throws Exception {
        int count = scaled(100_000, 1_000_000);
        Channel<Integer> ch = Channel.unbounded();
        Receiver<Integer> rx = ch.receiver();
        Spawned<Void> receiver = run("receiver", () -> {
            for (int i = 0; i < count; i++) {
                assertEquals(i, rx.recv());
                assertTrue(rx.len() >= 0);
            }
        });
        for (int i = 0; i < count; i++) {
            ch.sender().send(i);
        }
        receiver.get();
        assertEquals(0, rx.len());
    }

    // Buffered messages spanning several blocks are delivered after the last sender closes
    @Test
    void drain_after_disconnect_across_blocks() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        int count = 5 * BLOCK + 3;
        TestSupport.fill(ch.sender(), count);
        ch.sender().close();
        List<Integer> got = new ArrayList<>();
        for (int msg : ch.receiver()) {
            got.add(msg);
        }
        assertEquals(count, got.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, got.get(i));
        }
    }

    // Many concurrent senders landing on block boundaries at once (block installation race)
    @Test
    void concurrent_senders_install_blocks() throws Exception {
        int senders = 4;
        int perSender = scaled(20_000, 200_000);
        Channel<Integer> ch = Channel.unbounded();
        List<Spawned<Void>> threads = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int base = s * perSender;
            threads.add(run("sender-" + s, () -> {
                for (int i = 0; i < perSender; i++) {
                    ch.sender().send(base + i);
                }
            }));
        }
        for (Spawned<Void> t : threads) {
            t.get();
        }
        assertEquals(senders * perSender, ch.receiver().len());
        int[] next = new int[senders];
        for (int i = 0; i < senders * perSender; i++) {
            int msg = ch.receiver().tryRecv().value();
            int s = msg / perSender;
            assertEquals(next[s]++, msg % perSender, "FIFO per sender");
        }
        assertTrue(ch.receiver().isEmpty());
    }
}
