package dev.sluice;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * The sending half of a channel: Rust's {@code mpsc::Sender} / {@code SyncSender}.
 *
 * <p>Handles are cheap to {@link #clone()}; every clone sends into the same channel and must be
 * closed on its own. When the last sender handle is closed, receivers get the messages already
 * buffered and then see the channel as disconnected.
 *
 * <h2>Operations</h2>
 * <table>
 *   <caption>Sending</caption>
 *   <tr><th></th><th>Full channel</th><th>All receivers closed</th><th>Result</th></tr>
 *   <tr><td>{@link #send(Object) send(m)}</td><td>waits</td>
 *       <td>throws {@link SendDisconnectedException}</td><td>{@code void}</td></tr>
 *   <tr><td>{@link #trySend(Object) trySend(m)}</td><td>{@code FULL}</td>
 *       <td>{@code DISCONNECTED}</td><td>{@link TrySendResult}</td></tr>
 *   <tr><td>{@link #sendTimeout(Object, Duration) sendTimeout(m, d)},
 *       {@link #sendDeadline(Object, Instant) sendDeadline(m, t)}</td><td>waits, then
 *       {@code TIMEOUT}</td><td>{@code DISCONNECTED}</td><td>{@link SendTimeoutResult}</td></tr>
 *   <tr><td>{@link #sendAsync(Object) sendAsync(m)}</td><td>completes later</td>
 *       <td>fails with {@link SendDisconnectedException}</td>
 *       <td>{@code CompletableFuture<Void>}</td></tr>
 * </table>
 *
 * <p>"Full" means: no free slot for {@code bounded(n)}, no receiver waiting right now for a
 * rendezvous, never for {@code unbounded()}. Disconnection wins over fullness.
 *
 * <h2>Dropping channels</h2>
 * On a channel built with {@link OverflowPolicy#DROP_NEWEST} or {@link OverflowPolicy#DROP_OLDEST}
 * no send ever waits, in any form:
 * <table>
 *   <caption>Sending into a full dropping channel</caption>
 *   <tr><th></th><th>DROP_NEWEST</th><th>DROP_OLDEST</th></tr>
 *   <tr><td>{@code send(m)}</td><td>returns; {@code m} went to the discard hook</td>
 *       <td>returns; the oldest message went to the hook, {@code m} is buffered</td></tr>
 *   <tr><td>{@code trySend(m)}</td><td>{@link TrySendResult#DROPPED}</td><td>{@code OK}</td></tr>
 *   <tr><td>{@code sendTimeout}, {@code sendDeadline}</td><td>{@link SendTimeoutResult#DROPPED}
 *       at once</td><td>{@code OK} at once</td></tr>
 *   <tr><td>{@code sendAsync(m)}</td><td colspan="2">completes at once (normally)</td></tr>
 * </table>
 * Use {@code trySend} where a producer must know that its message was rejected; every drop is
 * also counted ({@link #stats()}). Disconnection is reported as for any channel.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(1);
 * try (Sender<String> tx = ch.sender(); Receiver<String> rx = ch.receiver()) {
 *     tx.send("one");                                   // room for one
 *     assert tx.trySend("two") == TrySendResult.FULL;   // the buffer is full
 *     assert rx.recv().equals("one");
 * }
 * }</pre>
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>Messages must not be {@code null} ({@link NullPointerException}).</li>
 *   <li>Sending, cloning and watching on a closed handle throw {@link IllegalStateException}; {@link #close()}
 *       itself is idempotent.</li>
 *   <li>Interruption follows {@code java.util.concurrent}: a blocking or timed call made with the
 *       interrupt status set throws {@link InterruptedException} at once, even with room or a zero
 *       timeout; one interrupted while it waits throws too. Either way the message was not sent.
 *       If the message was handed over just before the interrupt was seen, the call returns
 *       normally and the interrupt status stays set. An unbounded send never waits and ignores
 *       the status.</li>
 *   <li>Closing a handle while another thread is blocked on it in {@code send} wakes that thread
 *       with an {@link IllegalStateException} saying the handle was closed under it; the message
 *       was not sent, whether or not clones keep the channel open.</li>
 *   <li>The futures of {@link #sendAsync} refuse {@code obtrudeValue}/{@code obtrudeException};
 *       every other way to complete or cancel them withdraws the message if it was not sent
 *       yet.</li>
 *   <li>A handle that becomes unreachable without {@link #close()} is released by a
 *       {@link java.lang.ref.Cleaner} so its peers are not stuck forever. That is a fallback for
 *       bugs, not a way to close: garbage collection may come late or never. Use
 *       try-with-resources.</li>
 * </ul>
 *
 * @param <T> the message type
 */
public final class Sender<T> implements AutoCloseable {
    private final Shared<T> shared;
    /** The send path, overflow policy included: every send form goes through it. */
    private final SendFlavor<T> send;
    /** Snapshots and waiters of the channel. */
    private final Flavor flavor;
    private final Cleaner.Cleanable cleanable;
    private final HandleState state = new HandleState("Sender");
    /**
     * {@code true} if a send can wait (bounded or rendezvous, policy BLOCK), so the blocking
     * guard applies. Computed once, so a send makes no extra call to ask.
     */
    private final boolean mayBlock;

    Sender(Shared<T> shared) {
        this.shared = shared;
        this.send = shared.send;
        this.flavor = shared.flavor;
        this.mayBlock = flavor.capacity() >= 0 && shared.overflow == OverflowPolicy.BLOCK;
        this.cleanable = Shared.CLEANER.register(this, Shared.releaser(shared, true));
    }

    /**
     * Sends {@code msg}, waiting while the channel is full (bounded) or until a receiver takes it
     * (rendezvous). Never waits on an unbounded channel.
     *
     * <pre>{@code
     * Channel<Integer> ch = Channel.unbounded();
     * ch.sender().send(42);
     * }</pre>
     *
     * @throws SendDisconnectedException if every receiver is closed, also while waiting; it
     *         carries {@code msg} back ({@link SendDisconnectedException#message()})
     * @throws InterruptedException if interrupted while waiting; the message was not sent
     */
    public void send(T msg) throws InterruptedException {
        check(msg);
        guardBlocking("send()");
        try {
            if (send.send(msg, Deadline.NEVER, state) == SendTimeoutResult.DISCONNECTED) {
                throw disconnected(msg);
            }
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sends {@code msg} only if that is possible without waiting.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.rendezvous();
     * assert ch.sender().trySend("hi") == TrySendResult.FULL;   // nobody is receiving
     * }</pre>
     */
    public TrySendResult trySend(T msg) {
        check(msg);
        try {
            return send.trySend(msg);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sends {@code msg}, waiting at most {@code timeout} for room. A timeout too large to
     * represent waits forever; zero or negative does not wait.
     *
     * @throws InterruptedException if interrupted while waiting; the message was not sent
     */
    public SendTimeoutResult sendTimeout(T msg, Duration timeout) throws InterruptedException {
        check(msg);
        Deadline deadline = Deadline.after(timeout);
        guardBlocking("sendTimeout()");
        try {
            return send.send(msg, deadline, state);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sends {@code msg}, waiting until {@code deadline} for room. The wall-clock instant is mapped
     * onto the monotonic clock once, on entry.
     *
     * @throws InterruptedException if interrupted while waiting; the message was not sent
     */
    public SendTimeoutResult sendDeadline(T msg, Instant deadline) throws InterruptedException {
        check(msg);
        Deadline at = Deadline.at(deadline);
        guardBlocking("sendDeadline()");
        try {
            return send.send(msg, at, state);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Sends {@code msg} without blocking any thread: the future completes when the message is in
     * the channel (or, for a rendezvous, taken by a receiver), or fails with
     * {@link SendDisconnectedException}. Cancelling the future withdraws the message if it has
     * not been sent yet ({@code cancel} returns {@code true}); otherwise it was sent.
     * Completion runs on the thread that made room, or on this one.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(1);
     * CompletableFuture<Void> sent = ch.sender().sendAsync("later");
     * assert sent.isDone();                               // there was room
     * }</pre>
     */
    public CompletableFuture<Void> sendAsync(T msg) {
        check(msg);
        try {
            return send.sendAsync(msg, () -> disconnected(msg));
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * Calls {@code callback} once, when a send may succeed without waiting or the channel is
     * disconnected: at once on this thread if that is already so, otherwise on the thread that
     * makes room. Register, then retry with {@link #trySend}; a readiness signal is a hint, not a
     * reservation (another sender may win the room). The callback must be short and must not
     * block.
     */
    public Watch watchSendable(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        ensureOpen();
        return send.watchSend(1, callback);
    }

    /**
     * Calls {@code callback} once, when at least {@code minFree} sends may succeed without
     * waiting (that many free slots) or the channel is disconnected: at once on this thread if
     * that is already so, otherwise on the thread whose receive frees the last slot needed. A
     * {@code minFree} above the capacity means the capacity (an empty buffer);
     * {@code watchSendable(1, cb)} is {@link #watchSendable(Runnable)}. An unbounded channel, and
     * a channel whose overflow policy drops, always has room: the callback runs at once. A
     * rendezvous channel has no slots, so only {@code minFree == 1} (a receiver is waiting) is
     * accepted there. Same contract otherwise: register, re-check, a hint not a reservation;
     * {@link Watch#rearm()} waits for the same amount of room again, and after a successful
     * {@link Watch#cancel()} the callback never runs.
     *
     * <p>This is how a bridge refills in batches: it waits for three quarters of the buffer to
     * be free, then requests that many from upstream at once.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(16);
     * Sender<String> tx = ch.sender();
     * for (int i = 0; i < 16; i++) tx.trySend("m" + i);   // full
     * AtomicInteger requested = new AtomicInteger();
     * tx.watchSendable(12, () -> requested.set(12));      // then ask upstream for 12 at once
     * for (int i = 0; i < 11; i++) ch.receiver().poll();
     * assert requested.get() == 0;                        // 11 free: not yet
     * ch.receiver().poll();
     * assert requested.get() == 12;                       // the 12th free slot fired it
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code minFree < 1}, or {@code minFree > 1} on a
     *         rendezvous channel
     * @throws IllegalStateException if this handle is closed
     */
    public Watch watchSendable(int minFree, Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        if (minFree < 1) {
            throw new IllegalArgumentException("minFree must be >= 1: " + minFree);
        }
        if (minFree > 1 && flavor.capacity() == 0) {
            throw new IllegalArgumentException(
                    "a rendezvous channel has no buffer slots to wait for: minFree must be 1, was " + minFree);
        }
        ensureOpen();
        return send.watchSend(minFree, callback);
    }

    /**
     * Calls {@code callback} once, when no send on this channel can succeed any more: every
     * receiver is closed, or some sender called {@link #closeChannel()}. At once on this thread if
     * that is already so; otherwise on the thread that closes the last receiver or the channel.
     * Unlike {@link #watchSendable}, traffic never fires it: a producer that is not waiting for
     * room (an idle reactive source, a timer) learns this way that its consumers left. Tell the
     * two reasons apart with {@link #isClosedForSending()} and {@link #hasReceivers()}. The
     * callback must be short and must not block; {@link Watch#cancel()} withdraws it.
     *
     * <pre>{@code
     * Channel<String> ch = Channel.bounded(8);
     * Sender<String> tx = ch.sender();
     * tx.watchDisconnected(() -> ticker.stop());   // the consumers are gone
     * ch.receiver().close();                       // runs ticker.stop() here
     * }</pre>
     *
     * @throws IllegalStateException if this handle is closed
     */
    public Watch watchDisconnected(Runnable callback) {
        Objects.requireNonNull(callback, "callback");
        ensureOpen();
        return shared.watchSendingOver(callback);
    }

    /**
     * {@code true} once some sender called {@link #closeChannel()} or
     * {@link #closeChannel(Throwable)}: sends fail although receivers may still be open.
     */
    public boolean isClosedForSending() {
        return shared.isClosedForSending();
    }

    /**
     * {@code false} once every receiver handle of the channel is closed (or was released by the
     * garbage collector): sends fail, and nobody will ever receive again.
     */
    public boolean hasReceivers() {
        return shared.hasReceivers();
    }

    /**
     * The cause given to {@link #closeChannel(Throwable)}, if the channel was closed with one;
     * empty while open, after {@link #closeChannel()} without a cause, or when only the receivers
     * are gone.
     */
    public Optional<Throwable> closeCause() {
        return Optional.ofNullable(shared.closeCause());
    }

    /**
     * Another sender on the same channel, to be closed on its own: Rust's {@code Sender::clone}.
     *
     * @throws IllegalStateException if this handle is closed
     */
    @Override
    public Sender<T> clone() {
        ensureOpen();
        if (!shared.acquireSender()) {
            throw new IllegalStateException("cannot clone: the sending side of this channel is closed");
        }
        return new Sender<>(shared);
    }

    /**
     * Closes this handle (Rust's {@code drop(tx)}). Idempotent. When the last sender handle
     * closes, receivers drain the buffered messages and then see disconnection.
     */
    @Override
    public void close() {
        if (state.markClosed()) {
            flavor.abortWaitersOf(state);    // threads blocked on this handle fail, nothing transferred
            cleanable.clean();               // runs the release at most once
        }
    }

    /**
     * Closes the channel for every sender, not just this handle (Kotlin's {@code close()}):
     * every later send on any sender reports disconnection, and receivers get the buffered
     * messages, then disconnection. Also closes this handle.
     *
     * @return {@code true} if this call closed the channel; {@code false} if another
     *         {@code closeChannel} already had, and then nothing changes (its cause stands)
     */
    public boolean closeChannel() {
        return closeChannel(null);
    }

    /**
     * Closes the channel for every sender with an error: receivers get the buffered messages,
     * then the disconnection carries {@code cause} ({@link DisconnectedException#getCause()},
     * {@link TryRecvResult.Disconnected#cause()}, the error of a reactive stream). The first
     * {@code closeChannel} decides: a later call, with or without a cause, changes nothing.
     * Also closes this handle.
     *
     * @return {@code true} if this call closed the channel; {@code false} if another
     *         {@code closeChannel} already had (its cause, or absence of one, stands)
     */
    public boolean closeChannel(Throwable cause) {
        ensureOpen();
        boolean first = shared.closeForSending(cause);
        close();
        return first;
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

    /** {@code true} if {@code other} sends into the same channel. */
    public boolean sameChannel(Sender<?> other) {
        return other != null && other.shared == shared;
    }

    /** {@code true} if {@code other} receives from the channel this sender sends into. */
    public boolean sameChannel(Receiver<?> other) {
        return other != null && other.sameChannel(this);
    }

    Shared<T> shared() {
        return shared;
    }

    @Override
    public String toString() {
        return "Sender{" + flavorName(flavor) + (state.isClosed() ? ", closed" : "") + "}";
    }

    static String flavorName(Flavor flavor) {
        int cap = flavor.capacity();
        return cap < 0 ? "unbounded" : cap == 0 ? "rendezvous" : "bounded(" + cap + ")";
    }

    /** An unbounded send never waits, so it is allowed anywhere (as in Rust, from async code). */
    private void guardBlocking(String operation) {
        if (mayBlock) {
            BlockingGuard.check(operation);
        }
    }

    private void check(T msg) {
        Objects.requireNonNull(msg, "msg");
        ensureOpen();
    }

    private void ensureOpen() {
        if (state.isClosed()) {
            throw state.closedError();
        }
    }

    private SendDisconnectedException disconnected(T msg) {
        return new SendDisconnectedException(msg, shared.closeCause());
    }

    // ==== Overflow policy and counters ====

    /** The channel's overflow policy. */
    public OverflowPolicy overflow() {
        return shared.overflow;
    }

    /** The channel's live counters (the same object for every handle of the channel). */
    public ChannelStats stats() {
        return shared.stats;
    }

    // ==== Select ====

    /** The send path (overflow policy included), for {@link Select}. */
    SendFlavor<T> selectSend() {
        return send;
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
