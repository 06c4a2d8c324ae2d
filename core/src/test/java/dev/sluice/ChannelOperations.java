package dev.sluice;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;

/**
 * ChannelOperations: the non-blocking surface of one channel, as a Lincheck test state; each
 * {@code *LincheckTest} subclasses it with a channel of its flavor.
 *
 * <p>Lincheck creates a fresh instance per invocation (so the constructor is the "before"
 * state) and calls the {@code @Operation} methods from several threads. Every operation uses a
 * handle that stays open for the whole run, so no operation ever races with the closing of its
 * own handle (a misuse that Rust's ownership rules out):
 * <ul>
 *   <li>{@code trySend}, {@code len}, {@code isEmpty}, {@code isFull} use the sender
 *       {@link #tx};</li>
 *   <li>{@code tryRecv} uses the receiver {@link #rx};</li>
 *   <li>{@code closeSenders} closes the channel for every sender through a dedicated clone,
 *       {@link #closer}: {@link Sender#closeChannel()}, which goes through the same
 *       {@code disconnectSenders} path as closing the last sender handle. At most once per
 *       scenario.</li>
 * </ul>
 * Closing the last receiver needs the receiving thread to own the receiver; that is
 * {@link ReceiverCloseOperations}.
 *
 * <p>Linearizability of these operations, per flavor (what the tests establish):
 * <ul>
 *   <li>{@code trySend}, {@code tryRecv}, {@code closeSenders}: linearizable for all flavors.</li>
 *   <li>{@code len}, {@code isEmpty}, {@code isFull}: linearizable as long as the receiver side
 *       stays open. They read {@code head} and {@code tail} in the order that makes the pair a
 *       snapshot ({@code len} re-reads {@code tail} until it did not move), as crossbeam does.
 *       They are <em>not</em> linearizable against closing the last receiver: the buffer is
 *       discarded message by message after the channel was marked disconnected, so
 *       {@code len} can return a count between "all" and 0, and a thread whose send already
 *       reported {@code DISCONNECTED} can still see a non-empty (or full) buffer; see
 *       {@code ArrayFlavorLincheckTest#snapshotsAreNotAtomicWithTheLastReceiverClose_len} and
 *       {@code _isEmpty}. That is why {@link ReceiverCloseOperations} leaves the snapshots
 *       out.</li>
 * </ul>
 */
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public abstract class ChannelOperations {
    final Channel<Integer> channel;
    /** Sends and snapshots; never closed. */
    final Sender<Integer> tx;
    /** Receives; never closed. */
    final Receiver<Integer> rx;
    /** A clone whose only use is {@link Sender#closeChannel()}. */
    private final Sender<Integer> closer;

    ChannelOperations(Channel<Integer> channel) {
        this.channel = channel;
        this.tx = channel.sender();
        this.rx = channel.receiver();
        this.closer = tx.clone();
    }

    @Operation
    public TrySendResult trySend(@Param(name = "value") int value) {
        return tx.trySend(value);
    }

    @Operation
    public Object tryRecv() {
        return rx.tryRecv();
    }

    @Operation
    public int len() {
        return tx.len();
    }

    @Operation
    public boolean isEmpty() {
        return tx.isEmpty();
    }

    @Operation
    public boolean isFull() {
        return tx.isFull();
    }

    @Operation(runOnce = true)
    public void closeSenders() {
        closer.closeChannel();
    }
}
