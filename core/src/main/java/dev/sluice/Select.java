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
 *       {@link #trySelect()} and a zero timeout are linearizable, as crossbeam's: they report
 *       nothing only if, at one instant during the call, no operation could proceed. A select
 *       with no operations waits out its timeout ({@link #select()} and {@link #ready()}, which
 *       would wait forever, throw instead).
 *       Exactly one operation completes; {@link Selected} says which, with its message or outcome.
 *       A disconnected channel counts as ready: its operation completes with
 *       {@link Selected#isDisconnected()}.</li>
 *   <li>Fairness: among the operations ready together, one is chosen uniformly at random, also
 *       when one channel appears in several operations (a waiting select registers its
 *       operations in a random order too); {@link #biased()} makes a select that always takes
 *       the first ready one in the order added.</li>
 *   <li>A send operation goes through the channel's overflow policy like every send: on a
 *       full dropping channel it completes at once (the dropped message counted and handed to
 *       the discard hook).</li>
 *   <li>{@link #ready()}, {@link #tryReady()}, {@link #ready(Duration)}: only report the index of an
 *       operation that may succeed now, transferring nothing (it may fail when then attempted).</li>
 *   <li>The non-blocking forms never wait for another party. On a rendezvous channel they may
 *       wait for the channel's lock, which is only ever held for a few field writes, as every
 *       rendezvous operation does.</li>
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
     * Implementation notes (crossbeam's run_select), in Blocking's recipe:
     *
     * 1. Try: attempt every operation without blocking, in a fresh random order (Fisher-Yates
     *    over the indices; identity order when biased), spinning briefly (no yields) between
     *    rounds: a long spin starves a counterpart that is itself a select, which can pair with
     *    us only once one of us registers. The first success or disconnection wins.
     * 2. Register: one SelectArm per operation, all sharing one Selection word, in a fresh
     *    random order (so that a counterpart walking a waiter list finds a random arm of a
     *    select whose channel appears in several arms). Each flavor re-checks readiness after
     *    registering its arm (the Dekker handshake of SyncWaker, or the zero flavor's lock); if
     *    any arm is ready now, the owner aborts the selection. Timer arms register too (so
     *    closing their handle aborts), and the park deadline becomes the earliest timer instant.
     * 3. Park until the Selection moves out of WAITING, then unregister every arm.
     * 4. Selected arm k: if its flavor's selection completes the operation (a rendezvous
     *    hand-off: the counterpart took the send arm's packet, or filled the receive arm's),
     *    report it. Otherwise selection is a hint: retry arm k first (so a wake-up is never
     *    swallowed), and if another thread won the race, go back to 1.
     *
     * No waiting (trySelect, a passed deadline): steps 2-4 still run once, with the selection
     * aborted right after the registrations. Reporting nothing then is linearizable: every arm
     * was registered before its re-check found it not ready, and a change that made it ready
     * afterwards selects a registered waiter of that side; if that was us, the abort fails and
     * we retry; so at the moment of the abort no arm had become ready since its re-check (given
     * no competing waiter took the hint, as in crossbeam).
     *
     * Invariants: at most one counterpart wins the Selection, so at most one rendezvous
     * hand-off happens per select; other arms complete only through their own try operation,
     * which runs once per round and returns on success, so a select never completes two
     * operations. Aborted waits (deadline, interrupt, ready-now) select nothing and transfer
     * nothing.
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
        return add(new RecvOp(receiver));
    }

    /** Adds a send of {@code msg} on {@code sender}; returns its index. */
    public <T> int send(Sender<T> sender, T msg) {
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(msg, "msg");
        return add(new SendOp<>(sender, msg));
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

    /**
     * Completes one ready operation without waiting for another party, or returns {@code null}
     * if none is ready. Linearizable: {@code null} means that at one instant during the call no
     * operation could proceed.
     */
    public Selected trySelect() {
        if (count == 0) {
            return null;
        }
        for (;;) {
            shuffle();
            Selected s = tryAll();
            if (s != null) {
                return s;
            }
            Object r = registerRound(null);
            if (r == Signal.TIMEOUT) {
                return null;
            }
            if (r != Signal.EMPTY) {
                return (Selected) r;
            }
        }
    }

    /**
     * Blocks until one operation completes.
     *
     * @throws InterruptedException if interrupted before any operation completed (nothing transferred)
     * @throws IllegalStateException if a handle is (or, while waiting, gets) closed, or if there
     *         is no operation (it would wait forever)
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
        if (count == 0) {
            waitOut(deadline, "select()");
            return null;
        }
        BlockingGuard.check("select()");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Object r = Blocking.await(new Waiting(), deadline);
        return r == Signal.TIMEOUT ? null : (Selected) r;
    }

    /** A select's steps in {@link Blocking}'s recipe. */
    private final class Waiting implements Blocking.Op {
        @Override
        public Object attempt() {
            shuffle();
            Selected s = tryAll();
            return s != null ? s : Signal.EMPTY;
        }

        /** Spin only, no yields (see the notes): done once the next step would yield. */
        @Override
        public int pause(int backoff) {
            backoff = Backoff.spin(backoff);
            return Backoff.yields(backoff) ? Backoff.DONE : backoff;
        }

        @Override
        public Object expired() {
            return registerRound(null);
        }

        @Override
        public Object park(Deadline deadline) {
            return registerRound(deadline);
        }
    }

    /**
     * Steps 2-4: registers every operation, in random order, under one selection; parks until
     * {@code deadline} (or the earliest timer), or aborts at once if {@code deadline} is
     * {@code null}. Returns the completed operation; {@link Signal#EMPTY} to try again (an arm
     * was ready, or a hint); or {@link Signal#TIMEOUT} if nothing was ready and it did not wait.
     */
    private Object registerRound(Deadline deadline) {
        shuffle();
        Selection selection = new Selection(Thread.currentThread());
        SelectArm[] arms = new SelectArm[count];
        long timerAt = TimerFlavor.NONE;
        boolean readyNow = false;
        int registered = 0;
        while (registered < count && !readyNow && selection.lvState() == Selection.WAITING) {
            int i = order[registered++];
            Op op = ops[i];
            SelectArm arm = new SelectArm(selection, i);
            arm.handle = op.state;
            arms[i] = arm;
            readyNow = op.register(arm) || op.state.isClosed();
            timerAt = earliest(timerAt, op.readyAtNanos());
        }
        int selected = readyNow || deadline == null ? selection.abortWait()
                : selection.await(TimerFlavor.earlier(deadline, timerAt));
        for (int j = 0; j < registered; j++) {
            int i = order[j];
            ops[i].unregister(arms[i]);
        }
        if (selected == Selection.ABORTED) {
            return readyNow || deadline != null ? Signal.EMPTY : Signal.TIMEOUT;
        }
        int k = Selection.index(selected);
        int outcome = Selection.outcome(selected);      // not arms[k].lvState(): written later
        Op op = ops[k];
        if (outcome == Waiter.ABORTED) {
            throw op.state.closedWhileWaiting();
        }
        if (outcome == Waiter.OPERATION && op.selectionCompletes()) {
            return new Selected(k, op.isSend(), false, op.isSend() ? null : arms[k].packet, null);
        }
        Selected s = tryOne(k);
        return s != null ? s : Signal.EMPTY;
    }

    /**
     * A select with no operation: waits until {@code deadline} (crossbeam's {@code select_timeout}
     * on an empty {@code Select}); throws if that is never.
     */
    private void waitOut(Deadline deadline, String operation) throws InterruptedException {
        if (deadline.isNever()) {
            throw new IllegalStateException(operation + " needs at least one operation: it would wait forever");
        }
        BlockingGuard.check(operation);
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Blocking.park(new Selection(Thread.currentThread()), deadline, false);   // never selected
        if (Thread.interrupted()) {
            throw new InterruptedException();
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
        op.ensureOpen();                                // a closed handle throws here
        return op.tryOnce(i);
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

    // ==== Readiness only ====

    /** The index of an operation that may complete now (or is disconnected), or -1; never waits for another party. */
    public int tryReady() {
        shuffle();
        for (int j = 0; j < count; j++) {
            int i = order[j];
            Op op = ops[i];
            op.ensureOpen();
            if (op.isReady()) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Blocks until some operation may complete (or is disconnected); returns its index. Transfers nothing.
     *
     * @throws IllegalStateException if there is no operation (it would wait forever)
     */
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
     * never completes a rendezvous hand-off, it only reports that one may be possible. In
     * Blocking's recipe: try tryReady(); then register a watch per operation (each re-checks
     * readiness and fires at once if ready), park until one fires, the deadline or the earliest
     * timer; cancel them all; try again.
     */
    private int readyUntil(Deadline deadline) throws InterruptedException {
        if (count == 0) {
            waitOut(deadline, "ready()");
            return -1;
        }
        BlockingGuard.check("ready()");
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return (Integer) Blocking.await(new Readiness(), deadline);
    }

    /** ready()'s steps in {@link Blocking}'s recipe. */
    private final class Readiness implements Blocking.Op {
        @Override
        public Object attempt() {
            int i = tryReady();
            return i >= 0 ? (Object) i : Signal.EMPTY;
        }

        @Override
        public Object expired() {
            return -1;
        }

        @Override
        public Object park(Deadline deadline) {
            ReadySignal signal = new ReadySignal();
            Watch[] watches = new Watch[count];
            long timerAt = TimerFlavor.NONE;
            for (int j = 0; j < count && signal.lvState() == Blocking.Parkable.WAITING; j++) {
                watches[j] = ops[j].watch(signal);
                timerAt = earliest(timerAt, ops[j].readyAtNanos());
            }
            Blocking.park(signal, TimerFlavor.earlier(deadline, timerAt), false);
            for (Watch w : watches) {
                if (w != null) {
                    w.cancel();
                }
            }
            return Signal.EMPTY;
        }
    }

    /** A watch callback that wakes the thread blocked in {@link #ready()}: a state word it parks on. */
    private static final class ReadySignal implements Runnable, Blocking.Parkable {
        private static final int FIRED = 1;
        private static final int GAVE_UP = 2;
        private final Thread owner = Thread.currentThread();
        private final java.util.concurrent.atomic.AtomicInteger state = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void run() {
            if (state.compareAndSet(WAITING, FIRED)) {
                LockSupport.unpark(owner);
            }
        }

        @Override
        public int lvState() {
            return state.get();
        }

        @Override
        public int abortWait() {
            return state.compareAndSet(WAITING, GAVE_UP) ? GAVE_UP : state.get();
        }
    }

    // ==== Operations, by side ====

    /** One added operation. {@code handle} keeps the handle reachable while the select is. */
    private abstract static class Op {
        final Object handle;
        final HandleState state;

        Op(Object handle, HandleState state) {
            this.handle = handle;
            this.state = state;
        }

        /** Throws {@link IllegalStateException} if the handle is closed. */
        final void ensureOpen() {
            if (state.isClosed()) {
                throw state.closedError();
            }
        }

        abstract boolean isSend();

        /** One non-blocking attempt: the completed operation {@code index}, or {@code null}. */
        abstract Selected tryOnce(int index);

        abstract boolean register(SelectArm arm);

        abstract void unregister(SelectArm arm);

        abstract boolean selectionCompletes();

        abstract boolean isReady();

        abstract Watch watch(Runnable callback);

        long readyAtNanos() {
            return TimerFlavor.NONE;
        }
    }

    /** A receive: through the channel's receive side. */
    private static final class RecvOp extends Op {
        private final RecvFlavor<?> flavor;
        private final Receiver<?> receiver;

        RecvOp(Receiver<?> receiver) {
            super(receiver, receiver.selectHandle());        // throws if already closed
            this.receiver = receiver;
            this.flavor = receiver.selectRecv();
        }

        @Override
        boolean isSend() {
            return false;
        }

        @Override
        Selected tryOnce(int index) {
            Object r = flavor.tryRecv();
            if (r == Signal.EMPTY) {
                return null;
            }
            if (r == Signal.DISCONNECTED) {
                return new Selected(index, false, true, null, receiver.selectCloseCause());
            }
            return new Selected(index, false, false, r, null);
        }

        @Override
        boolean register(SelectArm arm) {
            return flavor.registerRecv(arm);
        }

        @Override
        void unregister(SelectArm arm) {
            flavor.unregisterRecv(arm);
        }

        @Override
        boolean selectionCompletes() {
            return flavor.selectionCompletes();
        }

        @Override
        boolean isReady() {
            return flavor.isRecvReady();
        }

        @Override
        Watch watch(Runnable callback) {
            return flavor.watchRecv(callback);
        }

        @Override
        long readyAtNanos() {
            return flavor.readyAtNanos();
        }
    }

    /** A send: through the channel's send path, overflow policy included. */
    private static final class SendOp<T> extends Op {
        private final SendFlavor<T> send;
        private final T msg;

        SendOp(Sender<T> sender, T msg) {
            super(sender, sender.selectHandle());            // throws if already closed
            this.send = sender.selectSend();
            this.msg = msg;
        }

        @Override
        boolean isSend() {
            return true;
        }

        @Override
        Selected tryOnce(int index) {
            TrySendResult r = send.trySend(msg);
            if (r == TrySendResult.FULL) {
                return null;
            }
            boolean disconnected = r == TrySendResult.DISCONNECTED;   // OK, or DROPPED by the policy
            return new Selected(index, true, disconnected, disconnected ? msg : null, null);
        }

        @Override
        boolean register(SelectArm arm) {
            return send.registerSend(arm, msg);
        }

        @Override
        void unregister(SelectArm arm) {
            send.unregisterSend(arm);
        }

        @Override
        boolean selectionCompletes() {
            return send.selectionCompletes();
        }

        @Override
        boolean isReady() {
            return send.isSendReady();
        }

        @Override
        Watch watch(Runnable callback) {
            return send.watchSend(1, callback);
        }
    }
}
