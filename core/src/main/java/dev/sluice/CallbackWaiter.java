package dev.sluice;

import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * CallbackWaiter: a {@link Waiter} that runs a callback instead of unparking a thread; it backs
 * {@link Watch} registrations and the asynchronous {@code sendAsync}/{@code recvAsync}.
 *
 * <p>The callback runs on the thread that selected the waiter (the one that made the channel
 * ready), after that thread released every channel lock, through that thread's
 * {@link Trampoline}: never nested inside another callback. It must be short and must not block.
 * Cancellation is {@code trySelect(ABORTED)}: it and the selection race on one CAS, so a
 * cancelled watch never fires and a fired watch cannot be cancelled.
 */
final class CallbackWaiter extends Waiter implements Watch {
    private final Runnable callback;
    private final Consumer<Waiter> unregister;
    /** Registers this waiter again and re-checks readiness; {@code null} if it cannot be re-armed. */
    private final Consumer<CallbackWaiter> arm;
    /** For a room-threshold watch: the condition a notification must find; {@code null} otherwise. */
    private final BooleanSupplier gate;

    /**
     * A one-shot waiter that cannot be re-armed (asynchronous operations, disconnect watches).
     *
     * @param callback what to run once selected
     * @param unregister removes this waiter from its waker list after a successful cancel
     */
    CallbackWaiter(Runnable callback, Consumer<Waiter> unregister) {
        this(callback, unregister, null);
    }

    /**
     * A readiness watch that {@link #rearm()} can register again.
     *
     * @param arm registers the waiter (in {@code WAITING}) and re-checks readiness, firing it at
     *        once if the channel is ready: the same steps as the first registration
     */
    CallbackWaiter(Runnable callback, Consumer<Waiter> unregister, Consumer<CallbackWaiter> arm) {
        this(callback, unregister, arm, null);
    }

    /**
     * A readiness watch that notifications select only while {@code gate} holds (a room-threshold
     * watch); disconnection selects it regardless.
     */
    CallbackWaiter(Runnable callback, Consumer<Waiter> unregister, Consumer<CallbackWaiter> arm,
            BooleanSupplier gate) {
        super(null);
        this.callback = callback;
        this.unregister = unregister;
        this.arm = arm;
        this.gate = gate;
    }

    @Override
    boolean wantsNotification() {
        return gate == null || gate.getAsBoolean();
    }

    /** A watch of a condition that always holds: fires at once, and again at once on each rearm. */
    static CallbackWaiter firedNow(Runnable callback) {
        CallbackWaiter watch = new CallbackWaiter(callback, w -> { }, CallbackWaiter::fire);
        fire(watch);
        return watch;
    }

    private static void fire(CallbackWaiter watch) {
        if (watch.trySelect(OPERATION)) {
            watch.wake();
        }
    }

    @Override
    void wake() {
        Trampoline.run(callback);
    }

    /**
     * Safe because: [1] only a selected waiter can be re-armed, and only once per selection (the
     * CAS OPERATION -> WAITING); [2] a selected waiter is in no list, since every waker unlinks a
     * waiter before it selects it, so registering it again cannot link it twice; [3] a cancel
     * racing with the re-arm either wins the CAS from WAITING (the registration then skips a
     * waiter that is not WAITING, or the cancel's unregister removes it) or finds it selected.
     */
    @Override
    public boolean rearm() {
        if (arm == null || !tryRearm()) {
            return false;
        }
        arm.accept(this);
        return true;
    }

    @Override
    public boolean cancel() {
        if (trySelect(ABORTED)) {
            unregister.accept(this);
            return true;
        }
        return false;
    }
}
