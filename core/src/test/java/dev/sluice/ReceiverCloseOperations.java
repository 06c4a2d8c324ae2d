package dev.sluice;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * ReceiverCloseOperations: a Lincheck test state in which the only receiver is closed while
 * senders keep sending: Rust's {@code drop(rx)} racing with {@code try_send}.
 *
 * <p>{@code tryRecv} and {@code closeReceiver} share a non-parallel group, so Lincheck runs them
 * on one thread: the receiver is owned by one thread, as Rust's ownership demands, and a
 * {@code tryRecv} after the close reports {@link SequentialChannel#CLOSED_HANDLE} (the
 * {@link IllegalStateException} of a closed handle). {@code trySend} runs on any thread.
 *
 * <p>Beyond linearizability, {@link #conservation()} checks after each part of the scenario that
 * no message was lost or duplicated: the messages sent successfully (with the pre-filled ones)
 * are exactly the ones received, plus the ones passed to the discard hook, plus the ones still
 * buffered. (Which values arrive, and in which order, is what linearizability checks.)
 */
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public abstract class ReceiverCloseOperations {
    private final Sender<Integer> tx;
    private final Receiver<Integer> rx;

    /** Messages sent successfully, including the pre-filled ones. */
    private final AtomicInteger sent = new AtomicInteger();
    /** Messages received, including the ones taken before the scenario. */
    private final AtomicInteger received = new AtomicInteger();
    /** Messages given to the discard hook, on the thread that closes the receiver. */
    private final DiscardCounter discarded = new DiscardCounter();

    /** Opens a channel made by {@code factory} with a discard hook that counts what it drops. */
    ReceiverCloseOperations(Function<Consumer<Integer>, Channel<Integer>> factory) {
        Channel<Integer> channel = factory.apply(discarded);
        this.tx = channel.sender();
        this.rx = channel.receiver();
    }

    /** Records {@code n} messages put in before the scenario starts (they count as sent). */
    final void prefilled(int n) {
        sent.addAndGet(n);
    }

    /** Records {@code n} messages taken out before the scenario starts (they count as received). */
    final void predrained(int n) {
        received.addAndGet(n);
    }

    final Sender<Integer> tx() {
        return tx;
    }

    final Receiver<Integer> rx() {
        return rx;
    }

    @Operation
    public TrySendResult trySend(@Param(name = "value") int value) {
        TrySendResult r = tx.trySend(value);
        if (r == TrySendResult.OK) {
            sent.incrementAndGet();
        }
        return r;
    }

    @Operation(nonParallelGroup = "receiver")
    public Object tryRecv() {
        if (rx.isClosed()) {
            return SequentialChannel.CLOSED_HANDLE;
        }
        TryRecvResult<Integer> r = rx.tryRecv();
        if (r.isValue()) {
            received.incrementAndGet();
        }
        return r;
    }

    @Operation(nonParallelGroup = "receiver", runOnce = true)
    public void closeReceiver() {
        rx.close();
    }

    /** Nothing lost, nothing duplicated. Runs when no operation is in flight; reads only. */
    @Validate
    public void conservation() {
        long buffered = rx.isClosed() ? 0 : tx.len();
        long accounted = received.get() + discarded.get() + buffered;
        if (sent.get() != accounted) {
            throw new AssertionError("sent " + sent.get() + " but received " + received.get()
                    + " + discarded " + discarded.get() + " + buffered " + buffered);
        }
    }

    /**
     * The discard hook. A named class rather than a capturing lambda: Lincheck tracks the
     * fields of the objects it sees and cannot do so for a lambda's hidden class.
     */
    private static final class DiscardCounter extends AtomicInteger implements Consumer<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        public void accept(Integer message) {
            incrementAndGet();
        }
    }
}
