package dev.sluice;

import java.util.ArrayDeque;

/**
 * SequentialChannel: the sequential specification of a channel, as Rust's {@code std::sync::mpmc}
 * (crossbeam-channel) defines it, that the {@code *LincheckTest} classes check the real flavors
 * against.
 *
 * <p>Lincheck looks for a linearization of every concurrent history: an order of the completed
 * operations, consistent with real time, in which this class, called one operation at a time,
 * returns exactly the results that the real channel returned. Method names and parameter types
 * match the {@code @Operation} methods of the test states ({@link ChannelOperations} and the
 * flavor-specific ones); results are compared with {@code equals} (the result records and enums
 * of the public API).
 *
 * <p>The model:
 * <ul>
 *   <li>{@code capacity} &gt; 0: a FIFO buffer of that many messages; &lt; 0: unbounded;
 *       0: a rendezvous, whose only "buffer" is the queue of asynchronous operations
 *       ({@code sendAsync}/{@code recvAsync}) that registered and wait for a partner.</li>
 *   <li>Closing the sending side ({@code closeSenders}, the last sender or
 *       {@code closeChannel}): sends report {@code DISCONNECTED}; receivers get the buffered
 *       messages first, then {@code Disconnected}; waiting asynchronous operations fail.</li>
 *   <li>Closing the last receiver ({@code closeReceiver}): sends report {@code DISCONNECTED},
 *       the buffer is discarded at once, waiting asynchronous operations fail, and the closed
 *       receiver handle refuses every operation ({@link #CLOSED_HANDLE}).</li>
 *   <li>Timed operations ({@code sendTimeout}, {@code recvTimeout}) behave like the
 *       non-blocking ones with {@code TIMEOUT} in place of {@code FULL}/{@code Empty}, taken at
 *       one point of their wait: a peer that makes room or sends during the wait completes
 *       them, and one that reports a timeout saw no room (no message) at its last attempt.
 *       A blocking {@code send} is modelled only where it never has to wait.</li>
 * </ul>
 *
 * <p>Each concrete state class of a test has a nested subclass here with the same capacity and
 * the same pre-filled messages, because Lincheck instantiates the specification with its no-arg
 * constructor.
 */
public class SequentialChannel {
    /** The result of an operation on a receiver handle that was closed before it. */
    static final String CLOSED_HANDLE = "CLOSED_HANDLE";

    private final int capacity;
    /** Buffered messages (bounded, unbounded) or async senders waiting (rendezvous), FIFO. */
    private final ArrayDeque<Integer> buffer = new ArrayDeque<>();
    /** Rendezvous only: asynchronous receivers waiting for a sender. */
    private int waitingReceivers;
    private boolean sendersClosed;
    private boolean receiversClosed;

    SequentialChannel(int capacity, int... buffered) {
        this.capacity = capacity;
        for (int m : buffered) {
            buffer.addLast(m);
        }
    }

    private boolean disconnected() {
        return sendersClosed || receiversClosed;
    }

    // ==== Send ====

    public TrySendResult trySend(int value) {
        if (disconnected()) {
            return TrySendResult.DISCONNECTED;
        }
        if (capacity == 0) {
            if (waitingReceivers == 0) {
                return TrySendResult.FULL;
            }
            waitingReceivers--;                       // handed to the oldest waiting receiver
            return TrySendResult.OK;
        }
        if (capacity > 0 && buffer.size() == capacity) {
            return TrySendResult.FULL;
        }
        buffer.addLast(value);
        return TrySendResult.OK;
    }

    public SendTimeoutResult sendTimeout(int value) {
        switch (trySend(value)) {
            case OK:
                return SendTimeoutResult.OK;
            case FULL:
                return SendTimeoutResult.TIMEOUT;
            default:
                return SendTimeoutResult.DISCONNECTED;
        }
    }

    /** A blocking send where it cannot block (unbounded, or a buffer larger than the scenario). */
    public SendTimeoutResult send(int value) {
        TrySendResult r = trySend(value);
        if (r == TrySendResult.FULL) {
            throw new IllegalStateException("the scenario made a blocking send wait: size the buffer up");
        }
        return r == TrySendResult.OK ? SendTimeoutResult.OK : SendTimeoutResult.DISCONNECTED;
    }

    /** Rendezvous: pairs with a waiting receiver or registers; nothing observable here. */
    public void sendAsync(int value) {
        if (disconnected()) {
            return;                                   // the future fails at once
        }
        if (waitingReceivers > 0) {
            waitingReceivers--;
        } else {
            buffer.addLast(value);
        }
    }

    // ==== Receive ====

    public Object tryRecv() {
        if (receiversClosed) {
            return CLOSED_HANDLE;
        }
        Integer next = buffer.pollFirst();
        if (next != null) {
            return new TryRecvResult.Value<>(next);
        }
        return sendersClosed ? new TryRecvResult.Disconnected<>(null) : new TryRecvResult.Empty<>();
    }

    public Object recvTimeout() {
        Object r = tryRecv();
        if (r instanceof TryRecvResult.Value<?> v) {
            return new RecvTimeoutResult.Value<>(v.value());
        }
        if (r instanceof TryRecvResult.Disconnected<?>) {
            return new RecvTimeoutResult.Disconnected<>(null);
        }
        return r instanceof TryRecvResult.Empty<?> ? new RecvTimeoutResult.Timeout<>() : r;
    }

    /** Rendezvous: pairs with a waiting sender or registers; nothing observable here. */
    public void recvAsync() {
        if (receiversClosed) {
            throw new IllegalStateException("the test never receives on a closed handle asynchronously");
        }
        if (disconnected()) {
            return;                                   // the future fails at once
        }
        if (buffer.pollFirst() == null) {
            waitingReceivers++;
        }
    }

    // ==== Close ====

    public void closeSenders() {
        sendersClosed = true;
        if (capacity == 0) {
            buffer.clear();                           // waiting async senders fail
            waitingReceivers = 0;                     // waiting async receivers fail
        }
    }

    public void closeReceiver() {
        receiversClosed = true;
        buffer.clear();                               // discarded (or failed, for a rendezvous)
        waitingReceivers = 0;
    }

    // ==== Snapshots ====

    public int len() {
        return capacity == 0 ? 0 : buffer.size();
    }

    public boolean isEmpty() {
        return len() == 0;
    }

    public boolean isFull() {
        return capacity == 0 || (capacity > 0 && buffer.size() == capacity);
    }

    // ==== The configurations the tests use ====

    /** {@code bounded(1)}, empty. */
    public static final class Bounded1 extends SequentialChannel {
        public Bounded1() {
            super(1);
        }
    }

    /** {@code bounded(2)}, empty. */
    public static final class Bounded2 extends SequentialChannel {
        public Bounded2() {
            super(2);
        }
    }

    /** {@code bounded(64)}: larger than any scenario, so blocking sends never wait. */
    public static final class Bounded64 extends SequentialChannel {
        public Bounded64() {
            super(64);
        }
    }

    /** A rendezvous, {@code bounded(0)}. */
    public static final class Rendezvous extends SequentialChannel {
        public Rendezvous() {
            super(0);
        }
    }

    /**
     * {@code unbounded()} whose state straddles the end of the first block: see
     * {@link ListFlavorLincheckTest#prefill(Sender, Receiver)}.
     */
    public static final class UnboundedAtBlockEnd extends SequentialChannel {
        public UnboundedAtBlockEnd() {
            super(-1, ListFlavorLincheckTest.PREFILL_LEFT);
        }
    }
}
