package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * TimerFlavor: the receiving side of {@code after}, {@code at}, {@code tick} and {@code never}
 * channels, whose readiness is computed from the clock.
 *
 * <p>Implementation notes. This is crossbeam's {@code flavors::at}, {@code tick} and
 * {@code never} folded into one state word: {@link #next}, the {@link System#nanoTime()} of the
 * next delivery, or {@link #NONE} once a one-shot timer has delivered (and for {@code never}).
 * <pre>
 *   tryRecv:  n = next; if n == NONE or now &lt; n: EMPTY
 *             CAS next: n -> (period == 0 ? NONE : now + period); the winner receives instant(n)
 * </pre>
 * The CAS makes each delivery go to exactly one receiver (cloned receivers compete). A tick
 * reschedules from <em>now</em>, not from {@code n}: ticks missed while nobody received are
 * dropped, so at most one tick is ever pending (crossbeam's rule). No thread exists per timer: a
 * blocked receiver parks (through the shared {@link SyncWaker}, so closing its handle wakes it)
 * with its deadline moved up to {@code next}; a {@link Select} does the same with the earliest
 * timer of its arms. Only the asynchronous surface ({@code watchRecv}, {@code recvAsync}) needs
 * a clock thread, and borrows the JDK's shared {@link CompletableFuture#delayedExecutor}.
 * A timer never disconnects (it has no sender), and sending to it is impossible (no handle).
 */
final class TimerFlavor implements Flavor<Instant> {
    static final long NONE = Long.MAX_VALUE;

    /** Tick period in nanoseconds; 0 for a one-shot timer. */
    private final long period;
    /** Instant.now() and nanoTime() read together at creation: maps the monotonic clock to instants. */
    private final Instant originInstant;
    private final long originNanos;
    /** nanoTime of the next delivery, or NONE. */
    private volatile long next;

    private final SyncWaker receivers = new SyncWaker();
    private final BooleanSupplier receivable = this::readyNow;

    private TimerFlavor(long firstNanosFromNow, long period) {
        this.period = period;
        this.originInstant = Instant.now();
        this.originNanos = System.nanoTime();
        this.next = firstNanosFromNow == NONE ? NONE : originNanos + Math.max(0L, firstNanosFromNow);
    }

    static TimerFlavor after(Duration delay) {
        return new TimerFlavor(nanos(delay), 0L);
    }

    static TimerFlavor at(Instant when) {
        TimerFlavor t = new TimerFlavor(0L, 0L);
        t.next = t.originNanos + Math.max(0L, nanos(Duration.between(t.originInstant, when)));
        return t;
    }

    static TimerFlavor tick(Duration period) {
        long p = nanos(period);
        if (p <= 0 || p == NONE) {
            throw new IllegalArgumentException("tick period must be positive and finite: " + period);
        }
        return new TimerFlavor(p, p);
    }

    static TimerFlavor never() {
        return new TimerFlavor(NONE, 0L);
    }

    /** Saturating nanoseconds; huge durations mean NONE (never), negative ones 0. */
    private static long nanos(Duration d) {
        if (d.isNegative()) {
            return 0L;
        }
        if (d.getSeconds() >= (Long.MAX_VALUE >> 1) / 1_000_000_000L) {
            return NONE;
        }
        return d.toNanos();
    }

    private Instant instant(long nanoTime) {
        return originInstant.plusNanos(nanoTime - originNanos);
    }

    private boolean readyNow() {
        long n = next;
        return n != NONE && System.nanoTime() - n >= 0;
    }

    // ==== Receive ====

    @Override
    public Object tryRecv() {
        for (;;) {
            long n = next;
            if (n == NONE) {
                return Signal.EMPTY;
            }
            long now = System.nanoTime();
            if (now - n < 0) {
                return Signal.EMPTY;
            }
            long following = period == 0 ? NONE : now + period;   // missed ticks are dropped
            if (NEXT.compareAndSet(this, n, following)) {
                return instant(n);
            }
        }
    }

    @Override
    public Object recv(Deadline deadline, HandleState handle) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        for (;;) {
            Object r = tryRecv();
            if (r != Signal.EMPTY) {
                return r;
            }
            if (deadline.hasPassed()) {
                return Signal.TIMEOUT;
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            receivers.parkUntilReady(earlier(deadline, next), receivable, handle);
            if (handle.isClosed()) {
                throw handle.closedWhileWaiting();
            }
        }
    }

    /** The earlier of {@code deadline} and the nanoTime {@code at} (NONE = never); never earlier than {@code at}. */
    static Deadline earlier(Deadline deadline, long at) {
        if (at == NONE || (!deadline.isNever() && deadline.nanoTime - at <= 0)) {
            return deadline;
        }
        long wait = at - System.nanoTime();
        return Deadline.after(Duration.ofNanos(Math.max(0L, wait)));   // computed after the read: not early
    }

    @Override
    public long readyAtNanos() {
        return next;
    }

    // ==== Select ====

    @Override
    public boolean registerSelect(Waiter arm, boolean send, Object msg) {
        receivers.register(arm);                      // only so that closing the handle aborts the select
        return readyNow();
    }

    @Override
    public void unregisterSelect(Waiter arm, boolean send) {
        receivers.unregister(arm);
    }

    @Override
    public boolean isReady(boolean send, Object self) {
        return !send && readyNow();
    }

    // ==== Asynchronous surface (the JDK's shared delayer thread) ====

    @Override
    public Watch watchRecv(Runnable callback) {
        AtomicBoolean done = new AtomicBoolean();      // fired or cancelled: whoever sets it first decides
        Runnable fire = new Runnable() {
            @Override
            public void run() {
                if (done.get()) {
                    return;
                }
                if (!readyNow() && next != NONE) {
                    schedule(this);
                    return;
                }
                if (next == NONE) {
                    return;                            // delivered to someone else, or never
                }
                if (done.compareAndSet(false, true)) {
                    callback.run();
                }
            }
        };
        schedule(fire);
        return () -> done.compareAndSet(false, true);
    }

    private void schedule(Runnable task) {
        long n = next;
        if (n == NONE) {
            return;
        }
        long wait = Math.max(0L, n - System.nanoTime());
        CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(task);
    }

    @Override
    public CompletableFuture<Instant> recvAsync(Supplier<? extends Throwable> disconnected) {
        CompletableFuture<Instant> future = new CompletableFuture<>();
        Runnable attempt = new Runnable() {
            @Override
            public void run() {
                if (future.isDone()) {
                    return;
                }
                Object r = tryRecv();
                if (r instanceof Instant) {
                    if (!future.complete((Instant) r)) {
                        return;                        // cancelled meanwhile: this tick is dropped
                    }
                } else {
                    schedule(this);
                }
            }
        };
        attempt.run();
        return future;
    }

    @Override
    public void abortWaitersOf(HandleState handle) {
        receivers.abortWaitersOf(handle);
    }

    // ==== No sending side ====

    @Override
    public TrySendResult trySend(Instant msg) {
        throw new UnsupportedOperationException("a timer channel has no sender");
    }

    @Override
    public SendTimeoutResult send(Instant msg, Deadline deadline, HandleState handle) {
        throw new UnsupportedOperationException("a timer channel has no sender");
    }

    @Override
    public Watch watchSend(Runnable callback) {
        throw new UnsupportedOperationException("a timer channel has no sender");
    }

    @Override
    public CompletableFuture<Void> sendAsync(Instant msg, Supplier<? extends Throwable> disconnected) {
        throw new UnsupportedOperationException("a timer channel has no sender");
    }

    // ==== Disconnection and snapshots ====

    @Override
    public void disconnectSenders() {
    }

    @Override
    public void disconnectReceivers(Consumer<Object> discard) {
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    @Override
    public int len() {
        return readyNow() ? 1 : 0;
    }

    @Override
    public int capacity() {
        return 1;
    }

    @Override
    public boolean isEmpty() {
        return !readyNow();
    }

    @Override
    public boolean isFull() {
        return readyNow();
    }

    // VarHandle mechanics
    private static final VarHandle NEXT;

    static {
        try {
            NEXT = MethodHandles.lookup().findVarHandle(TimerFlavor.class, "next", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
