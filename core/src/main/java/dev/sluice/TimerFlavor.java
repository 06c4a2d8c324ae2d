package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
 *             CAS next: n -> (one-shot ? NONE : now + period); the winner receives instant(n)
 * </pre>
 * The CAS makes each delivery go to exactly one receiver (cloned receivers compete). A tick
 * reschedules from <em>now</em>, not from {@code n}: ticks missed while nobody received are
 * dropped, so at most one tick is ever pending (crossbeam's rule); a zero period is always
 * ready. A timer is a receive-only flavor: it has no send side at all.
 *
 * <p>Waiting follows the channels' own machinery, with the clock as the notifier. A blocked
 * receiver runs {@link Blocking}'s recipe on a {@link SyncWaker} (so closing its handle wakes
 * it) with its park deadline moved up to {@code next}; a {@link Select} does the same with the
 * earliest timer of its arms. Asynchronous receives are {@link PollingFuture}s, the same
 * no-loss protocol as every other flavor's, whose wait queue is the {@link #clock}: registering
 * a waiter schedules a task on the JDK's shared {@link CompletableFuture#delayedExecutor} that
 * selects it when the next delivery is due. So a cancelled or timed-out future never takes a
 * tick: the attempt and the cancel race on the future's state, and the tick stays in the
 * timer for the next receiver. No thread exists per timer.
 */
final class TimerFlavor implements RecvFlavor<Instant> {
    static final long NONE = Long.MAX_VALUE;

    /** Tick period in nanoseconds (0: always ready once started); unused by one-shot timers. */
    private final long period;
    /** {@code true} for {@code after}, {@code at} and {@code never}: one delivery at most. */
    private final boolean oneShot;
    /** {@code true} for {@code never}: no delivery, capacity 0. */
    private final boolean never;
    /** Instant.now() and nanoTime() read together at creation: maps the monotonic clock to instants. */
    private final Instant originInstant;
    private final long originNanos;
    /** nanoTime of the next delivery, or NONE. */
    private volatile long next;

    private final SyncWaker receivers = new SyncWaker();
    private final BooleanSupplier receivable = this::readyNow;
    /** The wait queue of asynchronous receives and watches: the clock selects them when due. */
    private final WaitQueue clock = new Clock();

    private TimerFlavor(long firstNanosFromNow, long period, boolean oneShot, boolean never) {
        this.period = period;
        this.oneShot = oneShot;
        this.never = never;
        this.originInstant = Instant.now();
        this.originNanos = System.nanoTime();
        this.next = firstNanosFromNow == NONE ? NONE : originNanos + Math.max(0L, firstNanosFromNow);
    }

    static TimerFlavor after(Duration delay) {
        return new TimerFlavor(nanos(delay), 0L, true, false);
    }

    static TimerFlavor at(Instant when) {
        TimerFlavor t = new TimerFlavor(0L, 0L, true, false);
        t.next = t.originNanos + Math.max(0L, nanos(Duration.between(t.originInstant, when)));
        return t;
    }

    /** A tick every {@code period}; a zero period is always ready (crossbeam accepts it too). */
    static TimerFlavor tick(Duration period) {
        if (period.isNegative()) {
            throw new IllegalArgumentException("tick period must not be negative: " + period);
        }
        long p = nanos(period);
        if (p == NONE) {
            throw new IllegalArgumentException("tick period must be finite: " + period);
        }
        return new TimerFlavor(p, p, false, false);
    }

    static TimerFlavor never() {
        return new TimerFlavor(NONE, 0L, true, true);
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
            long following = oneShot ? NONE : now + period;   // missed ticks are dropped
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
        Object r = tryRecv();
        if (r != Signal.EMPTY) {
            return r;
        }
        return Blocking.await(new Blocking.Recv(this, receivers, receivable, handle) {
            @Override
            Deadline parkUntil(Deadline d) {
                return earlier(d, next);             // the clock is the notifier: wake when due
            }
        }, deadline);
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
    public boolean registerRecv(Waiter arm) {
        receivers.register(arm);                      // so that closing the handle aborts the select
        return readyNow();
    }

    @Override
    public void unregisterRecv(Waiter arm) {
        receivers.unregister(arm);
    }

    @Override
    public boolean isRecvReady() {
        return readyNow();
    }

    // ==== Asynchronous surface: the clock is the wait queue ====

    /** Selects a registered waiter when the next delivery is due, from the JDK's shared delayer. */
    private final class Clock implements WaitQueue {
        @Override
        public void register(Waiter waiter) {
            long n = next;
            if (n == NONE) {
                return;                               // nothing will ever be delivered again
            }
            long wait = Math.max(0L, n - System.nanoTime());
            CompletableFuture.delayedExecutor(wait, TimeUnit.NANOSECONDS).execute(() -> {
                if (waiter.trySelect(Waiter.OPERATION)) {
                    waiter.wake();                    // a hint: the waiter tries, and re-registers if late
                }
            });
        }

        @Override
        public void unregister(Waiter waiter) {
            // Nothing to remove: a task that finds its waiter no longer WAITING does nothing.
        }

        @Override
        public void notifyOne() {
            // Nothing to pass on: every waiting operation has its own clock task.
        }
    }

    @Override
    public Watch watchRecv(Runnable callback) {
        CallbackWaiter watch = new CallbackWaiter(callback, clock::unregister, this::arm);
        arm(watch);
        return watch;
    }

    /** Fires {@code watch} now if the timer is ready, else when its clock task runs. */
    private void arm(CallbackWaiter watch) {
        if (readyNow()) {
            if (watch.trySelect(Waiter.OPERATION)) {
                watch.wake();
            }
        } else {
            clock.register(watch);                    // due meanwhile: scheduled at once
        }
    }

    @Override
    public CompletableFuture<Instant> recvAsync(Supplier<? extends Throwable> disconnected) {
        return PollingFuture.recv(this, clock, receivable, disconnected);
    }

    @Override
    public void abortWaitersOf(HandleState handle) {
        receivers.abortWaitersOf(handle);
    }

    // ==== Disconnection and snapshots ====

    @Override
    public void disconnectSenders() {
    }

    @Override
    public void disconnectReceivers(Discards discards) {
    }

    @Override
    public boolean isDisconnected() {
        return false;
    }

    @Override
    public int len() {
        return readyNow() ? 1 : 0;
    }

    /** 1, or 0 for {@code never} (crossbeam's capacities). */
    @Override
    public int capacity() {
        return isNever() ? 0 : 1;
    }

    @Override
    public boolean isEmpty() {
        return !readyNow();
    }

    /** Ready now, or always for {@code never} (capacity 0, like a rendezvous). */
    @Override
    public boolean isFull() {
        return isNever() || readyNow();
    }

    private boolean isNever() {
        return never;
    }

    @Override
    public long sentCount() {
        return 0;
    }

    @Override
    public long takenCount() {
        return 0;
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

    /** A selection is a hint to retry: the select's try completes the operation. */
    @Override
    public boolean selectionCompletes() {
        return false;
    }
}
