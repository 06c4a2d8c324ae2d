package dev.sluice;

import java.time.Duration;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of the blocking operations ({@code send}, {@code sendTimeout},
 * {@code recvTimeout}) of the buffered flavors, with Lincheck's stress strategy on real threads.
 *
 * <p>Lincheck's model checker cannot run an operation that parks until another thread acts
 * (it reports "execution has hung"), so the blocking surface is checked under the stress
 * strategy only, in scenarios where no operation can wait forever:
 * <ul>
 *   <li>{@code sendTimeout(v, 200 µs)} and {@code recvTimeout(200 µs)} on {@code bounded(2)}:
 *       they go through the whole slow path (back off, register in the waker, re-check, park
 *       until woken or the deadline), and a peer that acts during the wait completes them. The
 *       specification is that of {@code trySend}/{@code tryRecv} with {@code TIMEOUT} for
 *       full/empty, taken at some point of the wait.</li>
 *   <li>blocking {@code send(v)} on {@code bounded(64)} (more room than a scenario has
 *       operations, so it never waits) and on an unbounded channel at the end of its first
 *       block, with {@code recvTimeout} as the receiver.</li>
 * </ul>
 * A plain blocking {@code recv()} could wait forever in a random scenario; it is exercised by
 * {@link WakeupStressTest} and {@link DisconnectStressTest}. The rendezvous has no sequential
 * specification for two blocking partners; {@link ZeroFlavorLincheckTest} checks its pairing
 * through the asynchronous operations, and the stress tests check the blocking ones.
 */
class BlockingLincheckTest {
    /** Short enough to keep the run quick, long enough to park. */
    static final Duration WAIT = Duration.ofNanos(200_000);

    /** {@link ChannelOperations} plus the blocking and timed operations. */
    public abstract static class BlockingOperations extends ChannelOperations {
        BlockingOperations(Channel<Integer> channel) {
            super(channel);
        }

        @Operation
        public SendTimeoutResult sendTimeout(@Param(name = "value") int value) throws InterruptedException {
            return tx.sendTimeout(value, WAIT);
        }

        @Operation
        public Object recvTimeout() throws InterruptedException {
            return rx.recvTimeout(WAIT);
        }
    }

    /** {@code bounded(2)}: timed operations meet full and empty. */
    public static final class Bounded2Timed extends BlockingOperations {
        public Bounded2Timed() {
            super(ArrayFlavorLincheckTest.cycled(Channel.bounded(2), 3));
        }
    }

    /** Adds a blocking {@code send} that never has to wait; it reports disconnection as a result. */
    public abstract static class NeverFullOperations extends BlockingOperations {
        NeverFullOperations(Channel<Integer> channel) {
            super(channel);
        }

        @Operation
        public SendTimeoutResult send(@Param(name = "value") int value) throws InterruptedException {
            try {
                tx.send(value);
                return SendTimeoutResult.OK;
            } catch (SendDisconnectedException e) {
                if (e.<Integer>message() != value) {
                    throw new AssertionError("the exception carries " + e.message() + ", not " + value);
                }
                return SendTimeoutResult.DISCONNECTED;
            }
        }
    }

    /** {@code bounded(64)}: room for every send of a scenario. */
    public static final class Bounded64 extends NeverFullOperations {
        public Bounded64() {
            super(ArrayFlavorLincheckTest.cycled(Channel.bounded(64), 70));
        }
    }

    /** {@code unbounded()} at the end of its first block. */
    public static final class Unbounded extends NeverFullOperations {
        public Unbounded() {
            super(Channel.unbounded());
            ListFlavorLincheckTest.prefill(tx, rx);
        }
    }

    @Test
    @Timeout(120)
    void bounded2_timedOperations_areLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialChannel.Bounded2.class).check(Bounded2Timed.class);
    }

    @Test
    @Timeout(120)
    void bounded64_blockingSend_isLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialChannel.Bounded64.class).check(Bounded64.class);
    }

    @Test
    @Timeout(120)
    void unbounded_blockingSend_isLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialChannel.UnboundedAtBlockEnd.class)
                .check(Unbounded.class);
    }
}
