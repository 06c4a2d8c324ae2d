package dev.sluice;

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

    /**
     * @param callback what to run once selected
     * @param unregister removes this waiter from its waker list after a successful cancel
     */
    CallbackWaiter(Runnable callback, Consumer<Waiter> unregister) {
        super(null);
        this.callback = callback;
        this.unregister = unregister;
    }

    @Override
    void wake() {
        Trampoline.run(callback);
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
