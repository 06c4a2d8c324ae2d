package dev.sluice;

import java.time.Duration;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Lincheck stress mode: selects against concurrent sends, receives and closes on a
 * {@code bounded(2)} channel. Each select has one real arm plus a {@link Channel#never()} arm (and
 * a timed one waits a little), so its sequential meaning is exactly the matching channel
 * operation in {@link SequentialChannel}: a select that completes its real arm must be
 * linearizable as that operation, and its never arm must never be chosen. A select whose choice
 * among several ready arms is random has no deterministic sequential specification, which is
 * why the arms are restricted so; the random choice is covered by {@link SelectStressTest}.
 */
class SelectLincheckTest {
    static final Duration WAIT = Duration.ofNanos(200_000);

    public static final class SelectOperations extends ChannelOperations {
        private final Receiver<java.time.Instant> never = Channel.never();

        public SelectOperations() {
            super(ArrayFlavorLincheckTest.cycled(Channel.bounded(2), 3));
        }

        private Select withNever() {
            Select sel = new Select();
            sel.recv(never);
            return sel;
        }

        @Operation
        public Object trySelectRecv() {
            Select sel = withNever();
            int i = sel.recv(rx);
            Selected s = sel.trySelect();
            if (s == null) {
                return new TryRecvResult.Empty<>();
            }
            check(s, i);
            return s.isDisconnected() ? new TryRecvResult.Disconnected<>(null) : new TryRecvResult.Value<>(s.value());
        }

        @Operation
        public Object selectRecvTimeout() throws InterruptedException {
            Select sel = withNever();
            int i = sel.recv(rx);
            Selected s = sel.select(WAIT);
            if (s == null) {
                return new RecvTimeoutResult.Timeout<>();
            }
            check(s, i);
            return s.isDisconnected() ? new RecvTimeoutResult.Disconnected<>(null)
                    : new RecvTimeoutResult.Value<>(s.value());
        }

        @Operation
        public SendTimeoutResult selectSendTimeout(@Param(name = "value") int value) throws InterruptedException {
            Select sel = withNever();
            int i = sel.send(tx, value);
            Selected s = sel.select(WAIT);
            if (s == null) {
                return SendTimeoutResult.TIMEOUT;
            }
            check(s, i);
            return s.isDisconnected() ? SendTimeoutResult.DISCONNECTED : SendTimeoutResult.OK;
        }

        private static void check(Selected s, int expected) {
            if (s.index() != expected) {
                throw new AssertionError("the never arm was selected: " + s);
            }
        }
    }

    /** The specification: the select operations mean tryRecv, recvTimeout and sendTimeout. */
    public static final class Spec extends SequentialChannel {
        public Spec() {
            super(2);
        }

        public Object trySelectRecv() {
            return tryRecv();
        }

        public Object selectRecvTimeout() {
            return recvTimeout();
        }

        public SendTimeoutResult selectSendTimeout(int value) {
            return sendTimeout(value);
        }
    }

    @Test
    @Timeout(180)
    void select_against_concurrent_sends_and_closes_is_linearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(Spec.class).check(SelectOperations.class);
    }
}
