package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Select: waits for the first of several send and receive operations to complete, on any
 * channels (crossbeam-channel's {@code Select}).
 *
 * <pre>{@code
 * Select sel = new Select();
 * int work = sel.recv(jobs);             // operation 0
 * int stop = sel.recv(control);          // operation 1
 * int beat = sel.recv(heartbeat);        // operation 2: Channel.tick(...)
 * Selected s = sel.select();             // blocks; exactly one operation completed
 * if (s.index() == work) handle(s.value());
 * }</pre>
 *
 * <ul>
 *   <li>Operations: {@link #recv(Receiver)} and {@link #send(Sender, Object)} on channels of any
 *       flavor, timer channels ({@link Channel#after}, {@link Channel#tick}, ...) included; the same
 *       channel may appear in several operations. Each returns the operation's index.</li>
 *   <li>Completing: {@link #select()} blocks, {@link #trySelect()} never does,
 *       {@link #select(Duration)} / {@link #selectDeadline(Instant)} give up ({@code null}).
 *       Exactly one operation completes; {@link Selected} says which, with its message or outcome.
 *       A disconnected channel counts as ready: its operation completes with
 *       {@link Selected#isDisconnected()}.</li>
 *   <li>Fairness: among the operations ready together, one is chosen uniformly at random;
 *       {@link #biased()} makes a select that always takes the first ready one in the order added.</li>
 *   <li>{@link #ready()}, {@link #tryReady()}, {@link #ready(Duration)}: only report the index of an
 *       operation that may succeed now, transferring nothing (it may fail when then attempted).</li>
 *   <li>A select never completes two operations, and its send and receive on one rendezvous
 *       channel never pair with each other. Not thread-safe: one thread uses one {@code Select}
 *       at a time; it may be reused for many selects.</li>
 * </ul>
 *
 * <p>{@link #on(Receiver, Function)} starts the fluent form, {@link SelectBuilder}, the
 * counterpart of crossbeam's {@code select!} macro.
 */
public final class Select {
    /*
     * Implementation notes (crossbeam's run_select).
     *
     * 1. Try: attempt every operation without blocking, in a fresh random order (Fisher-Yates over
     *    the indices; identity order when biased), with a short spin (no yields) between rounds. The first success or disconnection wins.
     * 2. Register: one SelectArm per channel operation, all sharing one Selection word. Each
     *    flavor re-checks readiness after registering its arm (the Dekker handshake of SyncWaker,
     *    or the zero flavor's lock); if any arm is ready now, the owner aborts the selection.
     *    Timer arms register too (so closing their handle aborts), and the park deadline becomes
     *    the earliest timer instant if that is before the caller's deadline.
     * 3. Park until the Selection moves out of WAITING, then unregister every arm.
     * 4. Selected arm k: on a rendezvous channel the selection *is* the completed hand-off (the
     *    counterpart took the send arm's packet, or filled the receive arm's packet), so report
     *    it. Otherwise selection is a hint: retry arm k first (honouring the hint, so a wake-up is
     *    never swallowed), and if another thread won the race, go back to 1.
     * Invariants: at most one counterpart wins the Selection, so at most one rendezvous hand-off
     * happens per select; array/list arms complete only through their own try operation, which
     * runs once per round and returns on success, so a select never completes two operations.
     * Aborted waits (deadline, interrupt, ready-now) select nothing and transfer nothing.
     */

    private Op[] ops = new Op[4];
    private int count;
    private final boolean biased;
    private int[] order = new int[4];

    /** A fair select: among ready operations, one chosen uniformly at random. */
    public Select() {
        this(false);
    }

    private Select(boolean biased) {
        this.biased = biased;
    }

    /** A biased select: always the first ready operation, in the order they were added. */
    public static Select biased() {
        return new Select(true);
    }

    /** Starts the fluent form (crossbeam's {@code select!}) with a receive arm; see {@link SelectBuilder}. */
    public static <T, R> SelectBuilder<R> on(Receiver<T> receiver, Function<? super T, ? extends R> onValue) {
        return new SelectBuilder<R>().on(receiver, onValue);
    }

    /** Starts the fluent form with a receive arm that handles disconnection; see {@link SelectBuilder}. */
    public static <T, R> SelectBuilder<R> on(Receiver<T> receiver, Function<? super T, ? extends R> onValue,
            java.util.function.Supplier<? extends R> onDisconnected) {
        return new SelectBuilder<R>().on(receiver, onValue, onDisconnected);
    }

    /** Starts an empty fluent select (crossbeam's {@code select!}); see {@link SelectBuilder}. */
    public static <R> SelectBuilder<R> builder() {
        return new SelectBuilder<>();
    }

    // ==== Operations ====

    /** Adds a receive on {@code receiver}; returns its index. */
    public int recv(Receiver<?> receiver) {
        Objects.requireNonNull(receiver, "receiver");
        return add(new Op(receiver, receiver.selectFlavor(), false, null));
    }

    /** Adds a send of {@code msg} on {@code sender}; returns its index. */
    public <T> int send(Sender<T> sender, T msg) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(msg, "msg");
        return add(new Op(sender, sender.selectFlavor(), true, msg));
    }

    private int add(Op op) {
        if (count == ops.length) {
            ops = Arrays.copyOf(ops, count * 2);
            order = Arrays.copyOf(order, count * 2);
        }
        ops[count] = op;
        return count++;
    }

    /** The number of operations added. */
    public int size() {
        return count;
    }

    // ==== Selecting ====

    /** Completes one ready operation without blocking, or returns {@code null} if none is ready. */
    public Selected trySelect() {
        shuffle();
        return tryAll();
    }

    /**
     * Blocks until one operation completes.
     *
     * @throws InterruptedException if interrupted before any operation completed (nothing transferred)
     * @throws IllegalStateException if a handle is (or, while waiting, gets) closed
     */
    public Selected select() throws InterruptedException {
        return run(Deadline.NEVER);
    }

    /** As {@link #select()}, giving up after {@code timeout}: then {@code null}. */
    public Selected select(Duration timeout) throws InterruptedException {
        return run(Deadline.after(timeout));
    }

    /** As {@link #select()}, giving up at {@code deadline}: then {@code null}. */
    public Selected selectDeadline(Instant deadline) throws InterruptedException {
        return run(Deadline.at(deadline));
    }

    private Selected run(Deadline deadline) throws InterruptedException {
        requireOperations();
        BlockingGuard.check("select()");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (;;) {
            // 1. Try every operation, in random (or registration) order, backing off briefly:
            //    a counterpart is often only nanoseconds away (the flavors' blocking recipe).
            Selected s;
            int backoff = Backoff.START;
            for (;;) {
                shuffle();
                s = tryAll();
                if (s != null) {
                    return s;
                }
                // Spin only (no yields): a long spin here starves a counterpart that is itself
                // a select, which can pair with us only once one of us registers.
                if (Backoff.yields(backoff) || deadline.hasPassed()) {
                    break;
                }
                backoff = Backoff.spin(backoff);
            }
            if (deadline.hasPassed()) {
                return null;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();       // nothing transferred
            }
            // 2. Register every arm under one shared selection, re-checking readiness.
            Selection selection = new Selection(Thread.currentThread());
            SelectArm[] arms = new SelectArm[count];
            long timerAt = TimerFlavor.NONE;
            boolean readyNow = false;
            int registered = 0;
            for (int i = 0; i < count && !readyNow; i++) {
                Op op = ops[i];
                SelectArm arm = new SelectArm(selection, i);
                arm.handle = op.state;
                arms[i] = arm;
                registered++;
                readyNow = op.flavor.registerSelect(arm, op.send, op.msg) || op.state.isClosed();
                timerAt = earliest(timerAt, op.flavor.readyAtNanos());
            }
            if (readyNow) {
                selection.abort();                      // may lose to a counterpart: then honour it
            }
            // 3. Park until selected, the deadline (or earliest timer), or an interrupt.
            int selected = selection.await(TimerFlavor.earlier(deadline, timerAt));
            for (int i = 0; i < registered; i++) {
                ops[i].flavor.unregisterSelect(arms[i], ops[i].send);
            }
            // 4. A selected arm: a completed hand-off (rendezvous) or a hint to retry it first.
            if (selected >= 0) {
                int k = Selection.index(selected);
                int outcome = Selection.outcome(selected);      // not arms[k].lvState(): written later
                Op op = ops[k];
                if (outcome == Waiter.ABORTED) {
                    throw op.state.closedWhileWaiting();
                }
                if (outcome == Waiter.OPERATION && op.flavor instanceof ZeroFlavor) {
                    return new Selected(k, op.send, false, op.send ? null : arms[k].packet, null);
                }
                s = tryOne(k);
                if (s != null) {
                    return s;
                }
            }
        }
    }

    private static long earliest(long a, long b) {
        if (a == TimerFlavor.NONE) {
            return b;
        }
        if (b == TimerFlavor.NONE) {
            return a;
        }
        return b - a < 0 ? b : a;
    }

    /** The first operation, in {@link #order}, that completes without blocking, or {@code null}. */
    private Selected tryAll() {
        for (int j = 0; j < count; j++) {
            Selected s = tryOne(order[j]);
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    private Selected tryOne(int i) {
        Op op = ops[i];
        op.handleState();                               // a closed handle throws here
        if (op.send) {
            @SuppressWarnings("unchecked")
            TrySendResult r = ((Flavor<Object>) op.flavor).trySend(op.msg);
            if (r == TrySendResult.FULL) {
                return null;
            }
            boolean disconnected = r == TrySendResult.DISCONNECTED;
            return new Selected(i, true, disconnected, disconnected ? op.msg : null, null);
        }
        Object r = op.flavor.tryRecv();
        if (r == Signal.EMPTY) {
            return null;
        }
        if (r == Signal.DISCONNECTED) {
            return new Selected(i, false, true, null, op.closeCause());
        }
        return new Selected(i, false, false, r, null);
    }

    /** Refills {@link #order}: identity when biased, else a uniformly random permutation. */
    private void shuffle() {
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        if (biased || count < 2) {
            return;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = count - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private void requireOperations() {
        if (count == 0) {
            throw new IllegalStateException("a select needs at least one operation (crossbeam blocks forever)");
        }
    }

    // ==== Readiness only ====

    /** The index of an operation that may complete now (or is disconnected), or -1; never blocks. */
    public int tryReady() {
        shuffle();
        for (int j = 0; j < count; j++) {
            int i = order[j];
            Op op = ops[i];
            op.handleState();
            if (op.flavor.isReady(op.send, null)) {
                return i;
            }
        }
        return -1;
    }

    /** Blocks until some operation may complete (or is disconnected); returns its index. Transfers nothing. */
    public int ready() throws InterruptedException {
        return readyUntil(Deadline.NEVER);
    }

    /** As {@link #ready()}, giving up after {@code timeout}: then -1. */
    public int ready(Duration timeout) throws InterruptedException {
        return readyUntil(Deadline.after(timeout));
    }

    /** As {@link #ready()}, giving up at {@code deadline}: then -1. */
    public int readyDeadline(Instant deadline) throws InterruptedException {
        return readyUntil(Deadline.at(deadline));
    }

    /*
     * ready() uses the channels' watches (crossbeam's Context::watch), not select arms: a watch
     * never completes a rendezvous hand-off, it only reports that one may be possible. Register
     * a watch per channel operation (each re-checks readiness and fires at once if ready), park
     * until one fires, the deadline or the earliest timer; cancel them all; re-check.
     */
    private int readyUntil(Deadline deadline) throws InterruptedException {
        requireOperations();
        BlockingGuard.check("ready()");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (;;) {
            int i = tryReady();
            if (i >= 0) {
                return i;
            }
            if (deadline.hasPassed()) {
                return -1;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            ReadySignal signal = new ReadySignal(Thread.currentThread());
            Watch[] watches = new Watch[count];
            long timerAt = TimerFlavor.NONE;
            for (int j = 0; j < count && !signal.fired; j++) {
                Op op = ops[j];
                if (op.flavor instanceof TimerFlavor) {
                    timerAt = earliest(timerAt, op.flavor.readyAtNanos());
                } else {
                    watches[j] = op.send ? op.flavor.watchSend(signal) : op.flavor.watchRecv(signal);
                }
            }
            Deadline park = TimerFlavor.earlier(deadline, timerAt);
            while (!signal.fired && !park.hasPassed() && !Thread.currentThread().isInterrupted()) {
                if (park.isNever()) {
                    LockSupport.park(this);
                } else {
                    LockSupport.parkNanos(this, park.remainingNanos());
                }
            }
            for (Watch w : watches) {
                if (w != null) {
                    w.cancel();
                }
            }
        }
    }

    /** A watch callback that wakes the thread blocked in {@link #ready()}. */
    private static final class ReadySignal implements Runnable {
        private final Thread owner;
        volatile boolean fired;

        ReadySignal(Thread owner) {
            this.owner = owner;
        }

        @Override
        public void run() {
            fired = true;
            LockSupport.unpark(owner);
        }
    }

    /** One added operation. {@code handle} keeps the handle reachable while the select is. */
    private static final class Op {
        final Object handle;
        final Flavor<?> flavor;
        final boolean send;
        final Object msg;
        final HandleState state;

        Op(Object handle, Flavor<?> flavor, boolean send, Object msg) {
            this.handle = handle;
            this.flavor = flavor;
            this.send = send;
            this.msg = msg;
            this.state = handle instanceof Receiver ? ((Receiver<?>) handle).selectHandle()
                    : ((Sender<?>) handle).selectHandle();   // throws if already closed
        }

        /** The handle's state; throws {@link IllegalStateException} if the handle is closed. */
        HandleState handleState() {
            if (state.isClosed()) {
                throw state.closedError();
            }
            return state;
        }

        Throwable closeCause() {
            return handle instanceof Receiver ? ((Receiver<?>) handle).selectCloseCause()
                    : ((Sender<?>) handle).selectCloseCause();
        }
    }
}
