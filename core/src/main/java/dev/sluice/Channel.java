package dev.sluice;

import java.util.function.Consumer;

/**
 * Multi-producer, multi-consumer channels for passing messages between threads, with the
 * semantics of Rust's {@code std::sync::mpsc} and {@code std::sync::mpmc}.
 *
 * <h2>Hello, world</h2>
 * <pre>{@code
 * Channel<String> ch = Channel.unbounded();
 * ch.sender().send("Hello, world!");
 * System.out.println(ch.receiver().recv());
 * }</pre>
 *
 * <h2>Channel types</h2>
 * <ul>
 *   <li>{@link #bounded(int) bounded(n)}, n &ge; 1: a buffer of n messages, preallocated.
 *       A send waits while it is full. Rust's {@code sync_channel(n)}.</li>
 *   <li>{@link #rendezvous()} = {@code bounded(0)}: no buffer; a send waits until a receiver takes
 *       the message. Rust's {@code sync_channel(0)}.</li>
 *   <li>{@link #unbounded()}: sends never wait. Rust's {@code channel()}.</li>
 * </ul>
 *
 * <h2>Sharing</h2>
 * Handles are shared across threads by cloning: {@link Sender#clone()} and
 * {@link Receiver#clone()}. Every clone is closed on its own. Cloned receivers compete: each
 * message is received exactly once.
 * <pre>{@code
 * Channel<Integer> ch = Channel.bounded(16);
 * for (int p = 0; p < 4; p++) {
 *     Sender<Integer> tx = ch.sender().clone();
 *     int id = p;
 *     new Thread(() -> {
 *         try (tx) { tx.send(id); } catch (InterruptedException e) { }
 *     }).start();
 * }
 * ch.sender().close();                           // keep only the clones open
 * int sum = ch.receiver().stream().mapToInt(Integer::intValue).sum();   // 0+1+2+3, then ends
 * }</pre>
 *
 * <h2>Disconnection</h2>
 * When the last sender closes, receivers still get every buffered message and then see the
 * channel as disconnected ({@link DisconnectedException}, {@code Disconnected} results, the end of
 * iteration). When the last receiver closes, senders fail at once, blocked senders wake up, and
 * buffered messages are discarded (pass a discard hook to {@link #bounded(int, Consumer)} or
 * {@link #unbounded(Consumer)} to release them). {@link Sender#closeChannel(Throwable)} closes
 * the channel for all senders with an error that receivers see after the buffered messages.
 *
 * <h2>Blocking</h2>
 * Every operation comes as a non-blocking {@code try*}, a blocking call, a timed call
 * ({@code *Timeout}, {@code *Deadline}) and an asynchronous {@code *Async} returning a
 * {@link java.util.concurrent.CompletableFuture}. Blocking uses {@link
 * java.util.concurrent.locks.LockSupport}: on virtual threads it never pins the carrier.
 *
 * <h2>Iteration</h2>
 * A {@link Receiver} is {@link Iterable}: {@code for (T m : rx)} waits for each message and ends
 * when the channel is empty and disconnected. {@link Receiver#tryIter()} takes only what is
 * there now.
 *
 * <h2>Reactive streams</h2>
 * {@link Receiver#watchReceivable(Runnable)} and {@link Sender#watchSendable(Runnable)} register
 * one-shot readiness callbacks; the {@code sluice-reactor} module builds {@code Flux} and
 * {@code Sinks} adapters on them without blocking any thread.
 *
 * <p>A {@code Channel} is only the pair of first handles; it holds no other state.
 *
 * @param <T> the message type
 */
public final class Channel<T> {
    private final Sender<T> sender;
    private final Receiver<T> receiver;

    private <F extends RecvFlavor<T> & SendFlavor<T>> Channel(F flavor, Consumer<? super T> onDiscard) {
        this(Shared.of(flavor, onDiscard, OverflowPolicy.BLOCK, null));
    }

    Channel(Shared<T> shared) {
        this.sender = new Sender<>(shared);
        this.receiver = new Receiver<>(shared);
    }

    /**
     * The largest capacity of {@link #bounded(int)}: 2<sup>30</sup>. The ring is preallocated
     * (12 to 16 bytes a slot), so a larger buffer is better served by {@link #unbounded()}.
     */
    public static final int MAX_CAPACITY = 1 << 30;

    /**
     * A channel with a buffer of {@code capacity} messages; {@code 0} makes it a rendezvous.
     *
     * @throws IllegalArgumentException if {@code capacity < 0} or {@code capacity > MAX_CAPACITY}
     */
    public static <T> Channel<T> bounded(int capacity) {
        return bounded(capacity, null);
    }

    /**
     * A bounded channel whose buffered messages are passed to {@code onDiscard} when the last
     * receiver closes (to release pooled buffers, file handles, ...). The hook runs on the thread
     * that closes the last receiver, once per discarded message.
     *
     * @throws IllegalArgumentException if {@code capacity < 0} or {@code capacity > MAX_CAPACITY}
     */
    public static <T> Channel<T> bounded(int capacity, Consumer<? super T> onDiscard) {
        checkCapacity(capacity);
        if (capacity == 0) {
            return new Channel<>(new ZeroFlavor<T>(), onDiscard);
        }
        return new Channel<>(new ArrayFlavor<T>(capacity), onDiscard);
    }

    static void checkCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0 (0 = rendezvous), was " + capacity);
        }
        if (capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be <= Channel.MAX_CAPACITY (" + MAX_CAPACITY
                    + "), was " + capacity + "; use Channel.unbounded() for a buffer without a limit");
        }
    }

    /** A rendezvous channel: {@code bounded(0)}. */
    public static <T> Channel<T> rendezvous() {
        return bounded(0);
    }

    /** A channel whose buffer grows without limit; sends never wait. */
    public static <T> Channel<T> unbounded() {
        return unbounded(null);
    }

    /** An unbounded channel with a discard hook (see {@link #bounded(int, Consumer)}). */
    public static <T> Channel<T> unbounded(Consumer<? super T> onDiscard) {
        return new Channel<>(new ListFlavor<T>(), onDiscard);
    }

    // ==== Overflow policies and builder ====

    /**
     * A bounded channel with an overflow policy: {@link OverflowPolicy#DROP_NEWEST} or
     * {@link OverflowPolicy#DROP_OLDEST} make a full channel drop a message instead of making
     * the sender wait; the dropped message goes to {@code onDiscard} (may be {@code null}) and
     * is counted ({@link Sender#stats()}).
     *
     * @throws IllegalArgumentException if {@code capacity} is out of range, or is 0 with a
     *         dropping policy
     */
    public static <T> Channel<T> bounded(int capacity, OverflowPolicy overflow, Consumer<? super T> onDiscard) {
        ChannelBuilder<T> b = Channel.<T>builder().capacity(capacity).overflow(overflow);
        return (onDiscard == null ? b : b.onDiscard(onDiscard)).build();
    }

    /**
     * A conflated channel: capacity 1, {@link OverflowPolicy#DROP_OLDEST}. A send never waits and
     * replaces an unreceived message; a receiver sees the latest one (kotlinx's {@code CONFLATED}).
     */
    public static <T> Channel<T> conflated() {
        return bounded(1, OverflowPolicy.DROP_OLDEST, null);
    }

    /** A builder for channels with a policy, a discard hook and a name (see {@link ChannelBuilder}). */
    public static <T> ChannelBuilder<T> builder() {
        return new ChannelBuilder<>();
    }

    /** The first sender handle. Clone it for more; close each. */
    public Sender<T> sender() {
        return sender;
    }

    /** The first receiver handle. Clone it for more; close each. */
    public Receiver<T> receiver() {
        return receiver;
    }

    @Override
    public String toString() {
        return "Channel{" + sender + ", " + receiver + "}";
    }


    // ==== Timer channels (crossbeam's after, at, tick, never) ====

    /**
     * A receiver that delivers one message, the delivery instant, once {@code delay} has passed
     * (crossbeam's {@code after}). It never disconnects and has no sender; it costs no thread:
     * readiness is computed from the clock, and a blocked receiver or {@link Select} parks with
     * the timer's instant as its deadline. A delay too large to represent means never.
     */
    public static Receiver<java.time.Instant> after(java.time.Duration delay) {
        java.util.Objects.requireNonNull(delay, "delay");
        return new Receiver<>(Shared.receiveOnly(TimerFlavor.after(delay)));
    }

    /** A receiver that delivers one message at {@code when} (crossbeam's {@code at}); see {@link #after}. */
    public static Receiver<java.time.Instant> at(java.time.Instant when) {
        java.util.Objects.requireNonNull(when, "when");
        return new Receiver<>(Shared.receiveOnly(TimerFlavor.at(when)));
    }

    /**
     * A receiver that delivers a message every {@code period} (crossbeam's {@code tick}): at most
     * one tick is pending, ticks missed while nobody received are dropped, and the next tick is
     * due one period after the last one was received late. A zero period is always ready
     * (crossbeam accepts it too). See {@link #after}.
     *
     * @throws IllegalArgumentException if {@code period} is negative or too large to represent
     */
    public static Receiver<java.time.Instant> tick(java.time.Duration period) {
        java.util.Objects.requireNonNull(period, "period");
        return new Receiver<>(Shared.receiveOnly(TimerFlavor.tick(period)));
    }

    /**
     * A receiver that never delivers and never disconnects (crossbeam's {@code never}): a disabled
     * select arm. Like crossbeam's, its capacity is 0 and it is both empty and full.
     */
    public static Receiver<java.time.Instant> never() {
        return new Receiver<>(Shared.receiveOnly(TimerFlavor.never()));
    }
}
