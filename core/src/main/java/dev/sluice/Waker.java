package dev.sluice;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;

/**
 * Waker: the operations waiting on one side of a channel, and the one-shot watches of that side.
 *
 * <p>Implementation notes. This is crossbeam's {@code Waker}: two lists, {@code selectors}
 * (operations that want to be paired with or woken for one counterpart, FIFO) and
 * {@code observers} (watches that want to hear about any change, all woken at once). It is not
 * thread-safe: the zero flavor guards it with its own lock, the array and list flavors wrap it in
 * a {@link SyncWaker}.
 *
 * <p>Selection never wakes anyone directly. The methods return the waiters they selected and the
 * caller wakes them after releasing its lock ({@link #wakeAll}), because an asynchronous waiter
 * runs a callback that may call back into the channel.
 */
final class Waker {
    private final ArrayDeque<Waiter> selectors = new ArrayDeque<>();
    private final ArrayList<Waiter> observers = new ArrayList<>();

    void register(Waiter waiter) {
        selectors.addLast(waiter);
    }

    void unregister(Waiter waiter) {
        selectors.removeFirstOccurrence(waiter);
    }

    void watch(Waiter observer) {
        observers.add(observer);
    }

    void unwatch(Waiter observer) {
        observers.remove(observer);
    }

    boolean isEmpty() {
        return selectors.isEmpty() && observers.isEmpty();
    }

    /** {@code true} if some selector of another thread is still waiting (rendezvous readiness). */
    boolean canSelect() {
        Thread self = Thread.currentThread();
        for (Waiter w : selectors) {
            if (w.owner != self && w.lvState() == Waiter.WAITING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Selects the first selector that belongs to another thread and is still waiting, removes it
     * and returns it (to be woken by the caller), or returns {@code null}. Entries whose owner
     * already aborted stay until their owner unregisters them.
     */
    Waiter trySelect() {
        if (selectors.isEmpty()) {
            return null;
        }
        Thread self = Thread.currentThread();
        for (Iterator<Waiter> it = selectors.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.owner != self && w.trySelect(Waiter.OPERATION)) {
                it.remove();
                return w;
            }
        }
        return null;
    }

    /**
     * The message read by the last successful {@link #trySelectTaking()}; guarded by the lock of
     * the waker's owner and consumed by {@link #takenPacket()} under that same lock.
     */
    private Object taken;

    /**
     * Rendezvous hand-off from a waiting sender: reads the first selectable sender's packet,
     * THEN selects it, and returns it (its message via {@link #takenPacket()}), or {@code null}.
     *
     * <p>Safe because: [1] the packet was written before registration, under the lock we hold;
     * [2] a registered sender changes its packet only after unregistering, which needs that
     * lock; [3] once the CAS succeeds the owner may return without the lock and reuse the
     * waiter, so the packet must be read before the CAS, never after.
     */
    Waiter trySelectTaking() {
        Thread self = Thread.currentThread();
        for (Iterator<Waiter> it = selectors.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.owner == self) {
                continue;
            }
            Object msg = w.packet;
            if (w.trySelect(Waiter.OPERATION)) {
                it.remove();
                taken = msg;
                return w;
            }
        }
        return null;
    }

    /** The message of the sender selected by {@link #trySelectTaking()}; clears it. */
    Object takenPacket() {
        Object msg = taken;
        taken = null;
        return msg;
    }

    /**
     * Rendezvous hand-off to a waiting receiver: stores {@code message} in the first selectable
     * receiver's packet, then selects it. Returns the receiver, or {@code null} if none.
     */
    Waiter trySelectDelivering(Object message) {
        Thread self = Thread.currentThread();
        for (Iterator<Waiter> it = selectors.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.owner == self || w.lvState() != Waiter.WAITING) {
                continue;
            }
            w.packet = message;               // published by the CAS below
            if (w.trySelect(Waiter.OPERATION)) {
                it.remove();
                return w;
            }
            w.packet = null;                  // it aborted under us: it will not read the packet
        }
        return null;
    }

    /**
     * Selects every observer and returns them to be woken, or {@code null} if there are none.
     * Observers that were cancelled concurrently are simply dropped.
     */
    ArrayList<Waiter> takeObservers() {
        if (observers.isEmpty()) {
            return null;
        }
        ArrayList<Waiter> selected = new ArrayList<>(observers.size());
        for (Waiter w : observers) {
            if (w.trySelect(Waiter.OPERATION)) {
                selected.add(w);
            }
        }
        observers.clear();
        return selected;
    }

    /**
     * Marks every selector {@code DISCONNECTED} and every observer selected; returns all of them
     * to be woken. A blocked thread's selector stays registered and its owner unregisters it, as
     * in crossbeam; an asynchronous one (no owner) never unregisters itself, so it is removed here.
     */
    ArrayList<Waiter> disconnect() {
        ArrayList<Waiter> selected = new ArrayList<>();
        for (Iterator<Waiter> it = selectors.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.trySelect(Waiter.DISCONNECTED)) {
                selected.add(w);
                if (w.owner == null) {
                    it.remove();
                }
            }
        }
        ArrayList<Waiter> watchers = takeObservers();
        if (watchers != null) {
            selected.addAll(watchers);
        }
        return selected;
    }

    /** Wakes the given waiters; call with no lock held. Tolerates {@code null}s. */
    static void wakeAll(Waiter one, ArrayList<Waiter> many) {
        if (one != null) {
            one.wake();
        }
        if (many != null) {
            for (int i = 0, n = many.size(); i < n; i++) {
                many.get(i).wake();
            }
        }
    }
}
