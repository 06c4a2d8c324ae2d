package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Select under contention: 4 threads each run many selects, each select mixing a send arm and a
 * receive arm on each of 4 channels of different flavors (rendezvous, bounded(1), bounded(16),
 * unbounded). Every message is unique; at the end every sent message was received exactly once
 * (by a select or by the final drain) and no select completed two operations. The unbounded send
 * arm is always ready, so no select can wait forever. 100 000 selects per thread under
 * {@code -Dstress=long}; 4 000 in the default quick profile.
 */
@Timeout(300)
class SelectStressTest {
    private static final int THREADS = 4;
    private static final int SELECTS = StressSupport.LONG ? 100_000 : 4_000;

    @Test
    void four_threads_mixing_sends_and_receives_over_four_flavors_lose_and_duplicate_nothing() throws Exception {
        List<Channel<Integer>> channels = List.of(Channel.rendezvous(), Channel.bounded(1), Channel.bounded(16),
                Channel.unbounded());
        BitSet[] sent = new BitSet[THREADS];
        List<List<Integer>> received = new ArrayList<>();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<TestSupport.Spawned<Void>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            sent[t] = new BitSet();
            List<Integer> mine = new ArrayList<>();
            received.add(mine);
            workers.add(TestSupport.run("selector-" + t, () -> {
                start.await();
                int seq = 0;
                for (int i = 0; i < SELECTS; i++) {
                    Select sel = (i & 1) == 0 ? new Select() : Select.biased();
                    int[] msgs = new int[channels.size() * 2];
                    for (Channel<Integer> ch : channels) {
                        int msg = id * (SELECTS * 8) + seq++;
                        msgs[sel.send(ch.sender(), msg)] = msg;
                        msgs[sel.recv(ch.receiver())] = -1;
                    }
                    Selected s = sel.select(StressSupport.PATIENCE);
                    assertNotNull(s, "a select hung");
                    if (s.isSend()) {
                        sent[id].set(msgs[s.index()]);
                    } else {
                        mine.add(s.<Integer>value());
                    }
                }
            }));
        }
        for (TestSupport.Spawned<Void> w : workers) {
            w.get();
        }
        BitSet all = new BitSet();
        for (BitSet b : sent) {
            all.or(b);
        }
        BitSet got = new BitSet();
        int count = 0;
        for (List<Integer> mine : received) {
            for (int v : mine) {
                assertTrue(!got.get(v), "duplicated " + v);
                got.set(v);
                count++;
            }
        }
        for (Channel<Integer> ch : channels) {
            for (Integer v : ch.receiver().tryIter()) {
                assertTrue(!got.get(v), "duplicated " + v);
                got.set(v);
                count++;
            }
        }
        assertEquals(all, got, "every sent message received once, nothing invented");
        assertEquals(all.cardinality(), count);
        int receivedBySelects = received.stream().mapToInt(List::size).sum();
        assertEquals(THREADS * SELECTS, all.cardinality() + receivedBySelects,
                "each select completed exactly one operation");
    }
}
