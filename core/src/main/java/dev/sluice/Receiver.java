package dev.sluice;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The receiving half of a channel: Rust's {@code mpsc::Receiver}, cloneable like
 * {@code mpmc::Receiver}.
 *
 * <p>Cloned receivers compete: each message goes to exactly one of them. When the last receiver
 * handle is closed, senders fail at once (blocked ones wake up) and buffered messages are
 * discarded, through the discard hook if the channel has one.
 *
 * <h2>Operations</h2>
 * <table>
 *   <caption>Receiving</caption>
 *   <tr><th></th><th>Empty channel</th><th>Empty and all senders closed</th><th>Result</th></tr>
 *   <tr><td>{@link #recv()}</td><td>waits</td><td>throws {@link DisconnectedException}</td>
 *       <td>{@code T}</td></tr>
 *   <tr><td>{@link #tryRecv()}</td><td>{@code Empty}</td><td>{@code Disconnected}</td>
 *       <td>{@link TryRecvResult}</td></tr>
 *   <tr><td>{@link #recvTimeout(Duration) recvTimeout(d)},
 *       {@link #recvDeadline(Instant) recvDeadline(t)}</td><td>waits, then {@code Timeout}</td>
 *       <td>{@code Disconnected}</td><td>{@link RecvTimeoutResult}</td></tr>
 *   <tr><td>{@link #recvAsync()}</td><td>completes later</td>
 *       <td>fails with {@link DisconnectedException}</td><td>{@code CompletableFuture<T>}</td></tr>
 *   <tr><td>{@code for (T m : rx)}, {@link #stream()}</td><td>waits</td><td>ends</td><td></td></tr>
 *   <tr><td>{@link #tryIter()}</td><td>ends</td><td>ends</td><td></td></tr>
 * </table>
 *
 * <p>Messages sent before the last sender closed are always delivered first: disconnection is
 * reported only once the channel is empty. If the channel was closed with a cause
 * ({@link Sender#closeChannel(Throwable)}), disconnection carries it, and iteration throws a
 * {@link DisconnectedException} with that cause instead of ending quietly.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.unbounded();
 * Sender<String> tx = ch.sender();
 * new Thread(() -> {
 *     try (tx) {
 *         for (int i = 1; i <= 3; i++) tx.send("hi " + i);
 *     } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
 * }).start();
 * try (Receiver<String> rx = ch.receiver()) {
 *     for (String msg : rx) System.out.println(msg);   // hi 1, hi 2, hi 3; ends when tx closes
 * }
 * }</pre>
 *
 * <p>The rules of {@link Sender} apply here too: send, receive, clone, watch and iteration
 * operations on a closed handle throw
 * {@link IllegalStateException}, {@link #close()} is idempotent, a blocking call made with the
 * interrupt status set or interrupted while it waits throws {@link InterruptedException} with
 * nothing received, and an unreachable unclosed handle is released by a cleaner as a fallback.
 * Closing a handle while another thread is blocked on it ({@code recv}, a timed receive,
 * iteration) wakes that thread with an {@link IllegalStateException} saying the handle was closed
 * under it; nothing was received, whether or not clones keep the channel open.
 *
 * @param <T> the message type
 */
public final class Receiver<T> implements Iterable<T>, AutoCloseable {
    private final Shared<T> shared;
    private final RecvFlavor<T> flavor;
    private final Cleaner.Cleanable cleanable;
    private final HandleState state = new HandleState("Receiver");

    Receiver(Shared<T> shared) {
        this.shared = shared;
        this.flavor = shared.recv;
        this.cleanable = Shared.CLEANER.register(this, Shared.releaser(shared, false));
    }

    /**
     * Receives the next message, waiting while the channel is empty and a sender is open.
     *
     * @throws DisconnectedException once the channel is empty and every sender is closed (with
     *         the close cause, if any); it never waits after that
     * @throws InterruptedException if interrupted while waiting; nothing was received
     */
    @SuppressWarnings("unchecked")
    public T recv() throws InterruptedException {
        ensureOpen();
        BlockingGuard.check("recv()");
        try {
            Object r = flavor.recv(Deadline.NEVER, state);
            if (r == Signal.DISCONNECTED) {
                throw disconnected();
            }
            return (T) r;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Receives a message only if one is available now (for a rendezvous: a sender is waiting).
     *
     * <pre>{@code
     * Channel<String> ch = Channel.unbounded();
     * assert ch.receiver().tryRecv().isEmpty();
     * ch.sender().send("x");
     * assert ch.receiver().tryRecv().value().equals("x");
     * }</pre>
     */
    @SuppressWarnings("unchecked")
    public TryRecvResult<T> tryRecv() {
        ensureOpen();
        try {
            Object r = flavor.tryRecv();
            if (r == Signal.EMPTY) {
                return new TryRecvResult.Empty<>();
            }
            if (r == Signal.DISCONNECTED) {
                return new TryRecvResult.Disconnected<>(shared.closeCause());
            }
            return new TryRecvResult.Value<>((T) r);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * The next message if one is available now, else {@code null} (empty, or disconnected): the
     * {@link java.util.Queue#poll()} form of {@link #tryRecv()}, which allocates nothing. Messages
     * are never {@code null}, so {@code null} is unambiguous; {@link #isDisconnected()} after a
     * {@code null} tells "empty for now" from "over" (poll once more after seeing the
     * disconnection: a message may have arrived just before it).
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(4);
     * ch.sender().send("x");
     * assert "x".equals(ch.receiver().poll());
     * assert ch.receiver().poll() == null;
     * }</pre>
     *
     * @throws IllegalStateException if this handle is closed
     */
    @SuppressWarnings("unchecked")
    public T poll() {
        ensureOpen();
        try {
            Object r = flavor.tryRecv();
            return r instanceof Signal ? null : (T) r;
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Receives, waiting at most {@code timeout}. A message that is already available is returned
     * even for a zero timeout. A timeout too large to represent waits forever.
     *
     * @throws InterruptedException if interrupted while waiting; nothing was received
     */
    public RecvTimeoutResult<T> recvTimeout(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        return recvUntil(deadline, "recvTimeout()");
    }

    /**
     * Receives, waiting until {@code deadline}. A message that is already available is returned
     * even if the deadline has passed.
     *
     * @throws InterruptedException if interrupted while waiting; nothing was received
     */
    public RecvTimeoutResult<T> recvDeadline(Instant deadline) throws InterruptedException {
        return recvUntil(Deadline.at(deadline), "recvDeadline()");
    }

    @SuppressWarnings("unchecked")
    private RecvTimeoutResult<T> recvUntil(Deadline deadline, String operation) throws InterruptedException {
        ensureOpen();
        BlockingGuard.check(operation);
        try {
            Object r = flavor.recv(deadline, state);
            if (r == Signal.TIMEOUT) {
                return new RecvTimeoutResult.Timeout<>();
            }
            if (r == Signal.DISCONNECTED) {
                return new RecvTimeoutResult.Disconnected<>(shared.closeCause());
            }
            return new RecvTimeoutResult.Value<>((T) r);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Receives without blocking any thread: the future completes with the next message, or fails
     * with {@link DisconnectedException} once the channel is empty and disconnected. Cancelling
     * it before a message arrived ({@code cancel} returns {@code true}) takes nothing from the
     * channel; no message is ever lost to a cancelled or timed-out future. Completion runs on
     * the thread that sent the message, or on this one.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(4);
     * CompletableFuture<String> next = ch.receiver().recvAsync();
     * ch.sender().send("hello");
     * assert next.join().equals("hello");
     * }</pre>
     */
    public CompletableFuture<T> recvAsync() {
        ensureOpen();
        try {
            return flavor.recvAsync(this::disconnected);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Calls {@code callback} once, when a receive may succeed without waiting or the channel is
     * disconnected: at once on this thread if that is already so, otherwise on the thread that
     * sends. Register, then retry with {@link #tryRecv()}; another receiver may win the message.
     * The callback must be short and must not block. This is the hook reactive adapters use.
     */
    public Watch watchReceivable(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        ensureOpen();
        return flavor.watchRecv(callback);
    }

    /**
     * Calls {@code callback} once, when no message will be sent any more: every sender is closed,
     * or one called {@code closeChannel}. Messages already buffered may still be received. At
     * once on this thread if that is already so, otherwise on the thread that closes the last
     * sender or the channel. Traffic never fires it (compare {@link #watchReceivable}). The
     * callback must be short and must not block; {@link Watch#cancel()} withdraws it.
     *
     * @throws IllegalStateException if this handle is closed
     */
    public Watch watchDisconnected(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        ensureOpen();
        return shared.watchSendersGone(callback);
    }

    /**
     * The cause given to {@code Sender.closeChannel(Throwable)}, if the channel was closed with
     * one; empty otherwise. A receiver sees it after the buffered messages, in
     * {@link TryRecvResult.Disconnected#cause()} and in {@link DisconnectedException#getCause()}.
     */
    public Optional<Throwable> closeCause() {
        return Optional.ofNullable(shared.closeCause());
    }

    /**
     * A blocking iterator: {@code hasNext()} waits for the next message and returns
     * {@code false} once the channel is empty and every sender is closed (Rust's {@code iter()}).
     *
     * @throws DisconnectedException from {@code hasNext()} if the channel was closed with a cause
     * @throws CancellationException from {@code hasNext()} if the thread is interrupted while
     *         waiting (the interrupt status is restored; nothing was received)
     */
    @Override
    public Iterator<T> iterator() {
        ensureOpen();
        return new Iterator<>() {
            private T next;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next != null) {
                    return true;
                }
                if (done) {
                    return false;
                }
                try {
                    next = recv();
                    return true;
                } catch (DisconnectedException e) {
                    done = true;
                    if (e.getCause() != null) {
                        throw e;
                    }
                    return false;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    CancellationException ce = new CancellationException("interrupted while iterating a channel");
                    ce.initCause(e);
                    throw ce;
                }
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T msg = next;
                next = null;
                return msg;
            }
        };
    }

    /** A sequential, blocking stream of the messages, ending as {@link #iterator()} does. */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /**
     * The messages available now, without waiting: iteration ends at the first empty (Rust's
     * {@code try_iter()}). Each call of {@code iterator()} on the result starts afresh.
     *
     * <pre>{@code
     * for (String msg : rx.tryIter()) handle(msg);   // drains what is there, then moves on
     * }</pre>
     */
    public Iterable<T> tryIter() {
        ensureOpen();
        return () -> new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    TryRecvResult<T> r = tryRecv();
                    if (r.isValue()) {
                        next = r.value();
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                T msg = next;
                next = null;
                return msg;
            }
        };
    }

    /**
     * Another receiver on the same channel (Rust's {@code mpmc::Receiver::clone}); receivers
     * compete for messages.
     *
     * @throws IllegalStateException if this handle is closed
     */
    @Override
    public Receiver<T> clone() {
        ensureOpen();
        if (!shared.acquireReceiver()) {
            throw new IllegalStateException("cannot clone: the receiving side of this channel is closed");
        }
        return new Receiver<>(shared);
    }

    /**
     * Closes this handle (Rust's {@code drop(rx)}). Idempotent. When the last receiver closes,
     * senders fail at once and buffered messages are discarded (through the discard hook).
     * A {@link RuntimeException} thrown by the hook is rethrown here after every message was
     * discarded.
     */
    @Override
    public void close() {
        if (state.markClosed()) {
            flavor.abortWaitersOf(state);    // threads blocked on this handle fail, nothing transferred
            cleanable.clean();
        }
    }

    /** {@code true} once {@link #close()} was called on this handle. */
    public boolean isClosed() {
        return state.isClosed();
    }

    /** Messages buffered now; always 0 for a rendezvous. A snapshot. */
    public int len() {
        return flavor.len();
    }

    /** {@code true} if no message is buffered; always for a rendezvous. A snapshot. */
    public boolean isEmpty() {
        return flavor.isEmpty();
    }

    /** {@code true} if no message can be buffered now; always for a rendezvous, never unbounded. */
    public boolean isFull() {
        return flavor.isFull();
    }

    /** The capacity: {@code n} for {@code bounded(n)} (0 for a rendezvous), empty if unbounded. */
    public OptionalInt capacity() {
        int cap = flavor.capacity();
        return cap < 0 ? OptionalInt.empty() : OptionalInt.of(cap);
    }

    /** {@code true} if the channel is disconnected on either side. A snapshot. */
    public boolean isDisconnected() {
        return flavor.isDisconnected();
    }

    /** {@code true} if {@code other} receives from the same channel. */
    public boolean sameChannel(Receiver<?> other) {
        return other != null && other.shared == shared;
    }

    /** {@code true} if {@code other} sends into the channel this receiver receives from. */
    public boolean sameChannel(Sender<?> other) {
        return other != null && other.shared() == shared;
    }

    @Override
    public String toString() {
        return "Receiver{" + Sender.flavorName(flavor) + (state.isClosed() ? ", closed" : "") + "}";
    }

    private void ensureOpen() {
        if (state.isClosed()) {
            throw state.closedError();
        }
    }

    private DisconnectedException disconnected() {
        return new DisconnectedException("receiving on an empty and disconnected channel", shared.closeCause());
    }

    // ==== Counters ====

    /** The channel's live counters (the same object for every handle of the channel). */
    public ChannelStats stats() {
        return shared.stats;
    }

    // ==== Select ====

    /** The receive side, for {@link Select}. */
    RecvFlavor<T> selectRecv() {
        return flavor;
    }

    /** The handle state, for {@link Select} (closing the handle aborts a select waiting on it). */
    HandleState selectHandle() {
        ensureOpen();
        return state;
    }

    /** The channel's close cause, or {@code null}. */
    Throwable selectCloseCause() {
        return shared.closeCause();
    }
}
