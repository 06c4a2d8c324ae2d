package dev.sluice;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of the unbounded channel ({@link ListFlavor}) against
 * {@link SequentialChannel}, with Lincheck's model checker and its stress strategy.
 *
 * <p>The list flavor only does something special at the end of a block of 31 slots: the sender
 * of the last slot installs the next block (others wait on the phantom 32nd position), and the
 * receiver of the last slot moves the head to the next block. A scenario of a dozen operations
 * on an empty channel never gets there, so every state starts at the block end
 * ({@link #prefill}): 30 messages sent and 28 received, which leaves two messages buffered,
 * the head on slot 28 and the tail on slot 30, the last one of the first block. The first send
 * of the scenario installs the second block, the third receive crosses into it.
 *
 * <p>Operations and linearizability notes as in {@link ChannelOperations} and
 * {@link ReceiverCloseOperations}; {@code isFull} is always {@code false}.
 */
class ListFlavorLincheckTest {
    /** Messages sent before the scenario; then the first {@link #PREFILL_TAKEN} are received. */
    static final int PREFILL_SENT = 30;
    static final int PREFILL_TAKEN = 28;
    /** What the pre-fill leaves buffered, oldest first; values distinct from the scenario's 1..3. */
    static final int[] PREFILL_LEFT = {100 + PREFILL_TAKEN, 100 + PREFILL_TAKEN + 1};

    /** Brings a fresh unbounded channel to the end of its first block (see the class comment). */
    static void prefill(Sender<Integer> tx, Receiver<Integer> rx) {
        for (int i = 0; i < PREFILL_SENT; i++) {
            if (!tx.trySend(100 + i).isOk()) {
                throw new AssertionError("pre-fill send failed");
            }
        }
        for (int i = 0; i < PREFILL_TAKEN; i++) {
            if (rx.tryRecv().orElse(-1) != 100 + i) {
                throw new AssertionError("pre-fill receive failed");
            }
        }
    }

    /** {@code unbounded()} at the end of its first block. */
    public static final class Unbounded extends ChannelOperations {
        public Unbounded() {
            super(Channel.unbounded());
            prefill(tx, rx);
        }
    }

    /** {@code unbounded()} at the end of its first block; the last receiver closes. */
    public static final class UnboundedReceiverClose extends ReceiverCloseOperations {
        public UnboundedReceiverClose() {
            super(Channel::unbounded);
            prefill(tx(), rx());
            prefilled(PREFILL_SENT);
            predrained(PREFILL_TAKEN);
        }
    }

    @Test
    @Timeout(120)
    void unbounded_isLinearizable_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialChannel.UnboundedAtBlockEnd.class)
                .check(Unbounded.class);
    }

    @Test
    @Timeout(120)
    void unbounded_isLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialChannel.UnboundedAtBlockEnd.class)
                .check(Unbounded.class);
    }

    @Test
    @Timeout(120)
    void unbounded_lastReceiverClose_isLinearizable_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialChannel.UnboundedAtBlockEnd.class)
                .check(UnboundedReceiverClose.class);
    }

    @Test
    @Timeout(120)
    void unbounded_lastReceiverClose_isLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialChannel.UnboundedAtBlockEnd.class)
                .check(UnboundedReceiverClose.class);
    }
}
