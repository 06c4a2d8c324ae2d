package dev.sluice;

import java.util.ArrayDeque;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of {@code trySend} / {@code tryRecv} / {@code len} on dropping channels
 * ({@link OverflowPolicy#DROP_OLDEST}, {@link OverflowPolicy#DROP_NEWEST}), against a bounded
 * deque that evicts its head (DROP_OLDEST) or refuses the tail (DROP_NEWEST). Setup as in
 * {@link ArrayFlavorLincheckTest}: capacities 1 and 2, positions cycled past lap 0.
 *
 * <p>The eviction's discard hook runs after the eviction's linearization point, so the list of
 * discarded messages is not an operation here; exactness (received once or discarded once) is
 * checked by {@link OverflowStressTest}.
 */
class OverflowLincheckTest {

    /** The operations, on a channel of {@code capacity} with {@code policy}. */
    @Param(name = "value", gen = IntGen.class, conf = "1:4")
    public abstract static class DroppingOperations {
        private final Sender<Integer> tx;
        private final Receiver<Integer> rx;

        DroppingOperations(int capacity, OverflowPolicy policy) {
            Channel<Integer> ch = ArrayFlavorLincheckTest.cycled(Channel.bounded(capacity, policy, null), 3);
            tx = ch.sender();
            rx = ch.receiver();
        }

        @Operation
        public TrySendResult trySend(@Param(name = "value") int value) {
            return tx.trySend(value);
        }

        @Operation
        public Integer tryRecv() {
            TryRecvResult<Integer> r = rx.tryRecv();
            return r.isValue() ? r.value() : null;
        }

        @Operation
        public int len() {
            return tx.len();
        }
    }

    public static final class DropOldest1 extends DroppingOperations {
        public DropOldest1() {
            super(1, OverflowPolicy.DROP_OLDEST);
        }
    }

    public static final class DropOldest2 extends DroppingOperations {
        public DropOldest2() {
            super(2, OverflowPolicy.DROP_OLDEST);
        }
    }

    public static final class DropNewest2 extends DroppingOperations {
        public DropNewest2() {
            super(2, OverflowPolicy.DROP_NEWEST);
        }
    }

    /** The sequential specification: a deque of {@code capacity} that evicts or refuses. */
    public abstract static class SequentialDropping {
        private final ArrayDeque<Integer> deque = new ArrayDeque<>();
        private final int capacity;
        private final boolean evictHead;

        SequentialDropping(int capacity, boolean evictHead) {
            this.capacity = capacity;
            this.evictHead = evictHead;
        }

        public TrySendResult trySend(int value) {
            if (deque.size() == capacity) {
                if (!evictHead) {
                    return TrySendResult.DROPPED;
                }
                deque.pollFirst();
            }
            deque.addLast(value);
            return TrySendResult.OK;
        }

        public Integer tryRecv() {
            return deque.pollFirst();
        }

        public int len() {
            return deque.size();
        }
    }

    public static final class SequentialDropOldest1 extends SequentialDropping {
        public SequentialDropOldest1() {
            super(1, true);
        }
    }

    public static final class SequentialDropOldest2 extends SequentialDropping {
        public SequentialDropOldest2() {
            super(2, true);
        }
    }

    public static final class SequentialDropNewest2 extends SequentialDropping {
        public SequentialDropNewest2() {
            super(2, false);
        }
    }

    @Test
    @Timeout(120)
    void dropOldest1_isLinearizable_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialDropOldest1.class).check(DropOldest1.class);
    }

    @Test
    @Timeout(120)
    void dropOldest2_isLinearizable_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialDropOldest2.class).check(DropOldest2.class);
    }

    @Test
    @Timeout(120)
    void dropOldest2_isLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialDropOldest2.class).check(DropOldest2.class);
    }

    @Test
    @Timeout(120)
    void dropNewest2_isLinearizable_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialDropNewest2.class).check(DropNewest2.class);
    }

    // ==== DROP_OLDEST while the last receiver closes ====

    /** {@code bounded(2)}, DROP_OLDEST: the last receiver closes while senders send and evict. */
    public static final class DropOldest2ReceiverClose extends ReceiverCloseOperations {
        public DropOldest2ReceiverClose() {
            super(hook -> Channel.bounded(2, OverflowPolicy.DROP_OLDEST, hook));
        }
    }

    /** A deque of 2 that evicts its head, until the receiver closes: then sends fail. */
    public static final class SequentialDropOldest2Close {
        private final ArrayDeque<Integer> deque = new ArrayDeque<>();
        private boolean closed;

        public TrySendResult trySend(int value) {
            if (closed) {
                return TrySendResult.DISCONNECTED;
            }
            if (deque.size() == 2) {
                deque.pollFirst();
            }
            deque.addLast(value);
            return TrySendResult.OK;
        }

        public Object tryRecv() {
            if (closed) {
                return SequentialChannel.CLOSED_HANDLE;
            }
            Integer next = deque.pollFirst();
            return next != null ? new TryRecvResult.Value<>(next) : new TryRecvResult.Empty<>();
        }

        public void closeReceiver() {
            closed = true;
            deque.clear();
        }
    }

    @Test
    @Timeout(120)
    void dropOldest2_withReceiverClose_isLinearizable_andLosesNothing_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialDropOldest2Close.class)
                .check(DropOldest2ReceiverClose.class);
    }
}
