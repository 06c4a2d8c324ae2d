package dev.sluice;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Linearizability of the rendezvous channel ({@link ZeroFlavor}) against
 * {@link SequentialChannel}, with Lincheck's model checker and its stress strategy.
 *
 * <p>A rendezvous pairs two operations that are both in progress, which a sequential
 * specification of atomic operations cannot express for two blocking calls. The asynchronous
 * operations make the pairing visible anyway: {@code recvAsync()} and {@code sendAsync(v)}
 * register a waiter in the channel exactly as a blocked thread does, and return at once; a later
 * {@code trySend}/{@code tryRecv} (or an asynchronous operation of the other kind) pairs with
 * the oldest registered waiter, whichever thread registered it (the rule: an operation
 * never pairs with itself, but two independent operations of one thread may). In the specification the registered waiters are the channel's
 * state, so every {@code trySend} that reports {@code OK} and every {@code tryRecv} that returns
 * a value must correspond to a waiter registered before it. The asynchronous operations return
 * nothing (their futures may be completed by another thread at any moment after registering);
 * {@link RendezvousOperations#conservation()} checks what the futures received.
 *
 * <p>Closing: {@code closeSenders} fails every waiting future. Closing the last receiver runs
 * the same {@code ZeroFlavor.disconnect()} (there is nothing buffered to discard), so it is not
 * checked separately.
 *
 * <p>{@code len}, {@code isEmpty}, {@code isFull} are constants (0, true, true).
 */
class ZeroFlavorLincheckTest {

    /** A rendezvous with its non-blocking and asynchronous operations. */
    public static final class RendezvousOperations extends ChannelOperations {
        private final ConcurrentLinkedQueue<AsyncSend> sends = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<CompletableFuture<Integer>> receives = new ConcurrentLinkedQueue<>();
        /** Values that {@code trySend} handed over / {@code tryRecv} took (besides the futures). */
        private final ConcurrentLinkedQueue<Integer> handedOver = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Integer> taken = new ConcurrentLinkedQueue<>();

        public RendezvousOperations() {
            super(Channel.rendezvous());
        }

        @Override
        public TrySendResult trySend(@Param(name = "value") int value) {
            TrySendResult r = super.trySend(value);
            if (r.isOk()) {
                handedOver.add(value);
            }
            return r;
        }

        @Override
        public Object tryRecv() {
            Object r = super.tryRecv();
            if (r instanceof TryRecvResult.Value<?> v) {
                taken.add((Integer) v.value());
            }
            return r;
        }

        @Operation
        public void sendAsync(@Param(name = "value") int value) {
            sends.add(new AsyncSend(tx.sendAsync(value), value));
        }

        @Operation
        public void recvAsync() {
            receives.add(rx.recvAsync());
        }

        /**
         * No message lost or duplicated: what the senders handed over (successful
         * {@code trySend}s and completed {@code sendAsync}s) is exactly what the receivers got;
         * never a sender and a receiver both left waiting; after the close every future is done.
         */
        @Validate
        public void conservation() {
            long handed = sum(handedOver);
            int waitingSends = 0;
            for (AsyncSend s : sends) {
                if (!s.future.isDone()) {
                    waitingSends++;
                } else if (!s.future.isCompletedExceptionally()) {
                    handed += s.value;
                }
            }
            long got = sum(taken);
            int waitingReceives = 0;
            for (CompletableFuture<Integer> f : receives) {
                if (!f.isDone()) {
                    waitingReceives++;
                } else if (!f.isCompletedExceptionally()) {
                    got += f.join();
                }
            }
            if (handed != got) {
                throw new AssertionError("senders handed over a sum of " + handed + ", receivers got " + got);
            }
            if (waitingSends > 0 && waitingReceives > 0) {
                throw new AssertionError(waitingSends + " senders and " + waitingReceives
                        + " receivers wait on one rendezvous without meeting");
            }
            if (tx.isDisconnected() && waitingSends + waitingReceives > 0) {
                throw new AssertionError("a future still waits after the channel was closed");
            }
        }

        /** A {@code sendAsync} call: its future and its message (not a record: Lincheck tracks its fields). */
        private static final class AsyncSend {
            final CompletableFuture<Void> future;
            final int value;

            AsyncSend(CompletableFuture<Void> future, int value) {
                this.future = future;
                this.value = value;
            }
        }

        private static long sum(Iterable<Integer> values) {
            long s = 0;
            for (int v : values) {
                s += v;
            }
            return s;
        }
    }

    @Test
    @Timeout(120)
    void rendezvous_isLinearizable_modelChecking() {
        LincheckSupport.modelChecking().sequentialSpecification(SequentialChannel.Rendezvous.class)
                .check(RendezvousOperations.class);
    }

    @Test
    @Timeout(120)
    void rendezvous_isLinearizable_stress() {
        LincheckSupport.stress().sequentialSpecification(SequentialChannel.Rendezvous.class)
                .check(RendezvousOperations.class);
    }
}
