package dev.sluice;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * WaiterFuture: an asynchronous rendezvous operation, registered in the channel like a blocked
 * thread and completed by whoever pairs with it.
 *
 * <p>The {@link #waiter} is a {@link CallbackWaiter}; its callback runs once it is selected:
 * {@code OPERATION} means the transfer already happened under the flavor's lock (a receiving
 * waiter's packet holds the message, a sending waiter's packet was taken), {@code DISCONNECTED}
 * fails the future. Aborting is the waiter's CAS, so cancel and pairing cannot both win.
 */
final class WaiterFuture<V> extends ChannelFuture<V> {
    final CallbackWaiter waiter;
    /** {@code true} for recvAsync (complete with the packet), false for sendAsync (with null). */
    private final boolean receiving;
    private final Supplier<? extends Throwable> onDisconnected;

    WaiterFuture(boolean receiving, Supplier<? extends Throwable> onDisconnected, Consumer<Waiter> unregister) {
        this.receiving = receiving;
        this.onDisconnected = onDisconnected;
        this.waiter = new CallbackWaiter(this::settle, unregister);
    }

    @SuppressWarnings("unchecked")
    private void settle() {
        if (waiter.lvState() == Waiter.OPERATION) {
            Object packet = waiter.packet;       // the message received, or the one we sent
            waiter.packet = null;
            completeInternally(receiving ? (V) packet : null);
        } else {
            failInternally(onDisconnected.get());
        }
    }

    /** Completes at once: the operation paired without registering. */
    void completeNow(V value) {
        waiter.trySelect(Waiter.OPERATION);
        completeInternally(value);
    }

    /** Fails at once: the channel was disconnected before the operation could register. */
    void failNow() {
        waiter.trySelect(Waiter.DISCONNECTED);
        failInternally(onDisconnected.get());
    }

    @Override
    boolean tryAbort() {
        return waiter.cancel();
    }
}
