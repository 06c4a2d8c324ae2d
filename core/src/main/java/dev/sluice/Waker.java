package dev.sluice;

import java.util.ArrayList;

/**
 * Waker: the operations waiting on one side of a channel, and the one-shot watches of that side.
 *
 * <p>Implementation notes. This is crossbeam's {@code Waker}: two lists, {@code selectors}
 * (operations that each want one counterpart: blocked threads and asynchronous operations,
 * FIFO, woken one at a time) and {@code observers} (watches that want to hear about any change,
 * all woken at once). Both are intrusive {@link WaiterList}s, so registering, unregistering and
 * cancelling are O(1) and allocate nothing. It is not thread-safe: the zero flavor guards it with
 * its own lock, the array and list flavors wrap it in a {@link SyncWaker}.
 *
 * <p>Selection never wakes anyone directly. The methods return the waiters they selected and the
 * caller wakes them after releasing its lock ({@link #wakeAll}), because an asynchronous waiter
 * runs a callback that may call back into the channel.
 *
 * <p>Unlink, then select. Every walk removes a waiter from its list BEFORE the CAS that selects
 * it: once a blocked thread sees its state leave {@code WAITING} it may return without this lock
 * and reuse its cached waiter in another channel's list, so a selector must not touch the links
 * after the CAS (doing so once corrupted a list into a cycle: WakeupStressTest's ping-pong on
 * JDK 25). Removal is idempotent, so a waiter whose owner aborted concurrently is unlinked either
 * way; the CAS publishes the unlinking to the owner.
 *
 * <p>One selection per notification. {@link #selectOne} moves exactly one waiting selector to
 * {@code OPERATION}; entries whose owner already gave up (aborted, not yet unregistered) are
 * unlinked on the way, so a walk never revisits them. With 10⁴ pending asynchronous receivers a
 * send therefore wakes one of them, not all: the count is kept in {@link #woken} for tests.
 *
 * <p>Room thresholds. A room-threshold watch ({@code watchSendable(minFree, cb)}) is an observer
 * that carries its condition: the notifier evaluates it under this lock, after its own change to
 * the channel, and leaves the watch listed (not selected, state untouched) while it does not
 * hold. Every change that frees room is followed by such a notification, so the last one sees
 * all the room there is and no threshold is missed; cancel races only with a real selection.
 */
final class Waker {
    private final WaiterList selectors = new WaiterList();
    private final WaiterList observers = new WaiterList();

    /** Waiters selected so far (a test probe of how many wake-ups a notification costs). */
    long woken;

    /** Appends {@code waiter} unless it already left WAITING (cancelled before it got here). */
    void register(Waiter waiter) {
        if (waiter.lvState() == Waiter.WAITING) {
            selectors.add(waiter);
        }
    }

    /** Removes {@code waiter} if it is still listed; O(1), idempotent. */
    void unregister(Waiter waiter) {
        selectors.remove(waiter);
    }

    void watch(Waiter observer) {
        if (observer.lvState() == Waiter.WAITING) {
            observers.add(observer);
        }
    }

    void unwatch(Waiter observer) {
        observers.remove(observer);
    }

    boolean isEmpty() {
        return selectors.isEmpty() && observers.isEmpty();
    }

    /** The selectors, for the zero flavor's hand-off walk. */
    WaiterList selectors() {
        return selectors;
    }

    /** {@code true} if a selector of an operation other than {@code self} is still waiting. */
    boolean canSelect(Object self) {
        for (Waiter w = selectors.first(); w != null; w = w.next) {
            if (w.operation() != self && w.lvState() == Waiter.WAITING) {
                return true;
            }
        }
        return false;
    }

    /**
     * Selects the first waiting selector, unlinks it and returns it (to be woken by the caller),
     * or returns {@code null}. Stale entries met on the way are unlinked too.
     */
    Waiter selectOne() {
        for (Waiter w = selectors.first(); w != null; ) {
            Waiter next = selectors.remove(w);      // unlink first: see "Unlink, then select"
            if (w.trySelect(Waiter.OPERATION)) {
                woken++;
                return w;
            }
            w = next;                               // not WAITING: its owner gave up
        }
        return null;
    }

    /**
     * Selects every observer and returns them to be woken: {@code null} if there are none, the
     * observer itself if there is one (the common case of a single watch, which allocates
     * nothing), else an {@code ArrayList<Waiter>}; pass the result to {@link #wakeAll}.
     * Observers that were cancelled concurrently are simply dropped.
     */
    Object takeObservers() {
        return takeObservers(false);
    }

    /**
     * As {@link #takeObservers()}; unless {@code all}, an observer whose
     * {@link Waiter#wantsNotification()} says no (a room-threshold watch short of its room) is
     * skipped: left linked and {@code WAITING}, so its cancel and a later notification work as if
     * this walk had not happened.
     */
    private Object takeObservers(boolean all) {
        Object selected = null;
        for (Waiter w = observers.first(); w != null; ) {
            if (!all && !w.wantsNotification()) {
                w = w.next;
                continue;
            }
            Waiter next = observers.remove(w);      // unlink first: see "Unlink, then select"
            if (w.trySelect(Waiter.OPERATION)) {
                woken++;
                selected = add(selected, w);
            }
            w = next;
        }
        return selected;
    }

    /** {@code selected} (null, a Waiter or a list) with {@code w} added. */
    @SuppressWarnings("unchecked")
    private static Object add(Object selected, Waiter w) {
        if (selected == null) {
            return w;
        }
        ArrayList<Waiter> list;
        if (selected instanceof Waiter single) {
            list = new ArrayList<>();
            list.add(single);
        } else {
            list = (ArrayList<Waiter>) selected;
        }
        list.add(w);
        return list;
    }

    /** Marks every selector {@code DISCONNECTED} and every observer selected; unlinks and returns them all. */
    ArrayList<Waiter> disconnect() {
        ArrayList<Waiter> selected = new ArrayList<>();
        for (Waiter w = selectors.first(); w != null; ) {
            Waiter next = selectors.remove(w);
            if (w.trySelect(Waiter.DISCONNECTED)) {
                selected.add(w);
            }
            w = next;
        }
        Object watchers = takeObservers(true);     // disconnection fires every watch, thresholds or not
        if (watchers instanceof Waiter single) {
            selected.add(single);
        } else if (watchers != null) {
            selected.addAll(asList(watchers));
        }
        return selected;
    }

    /**
     * Aborts the waiting selectors registered through {@code handle} (it is being closed) and
     * returns them to be woken, or {@code null}. Their owners see {@code ABORTED} and the closed
     * handle, and fail without having transferred anything.
     */
    ArrayList<Waiter> abortWaitersOf(Object handle) {
        ArrayList<Waiter> aborted = null;
        for (Waiter w = selectors.first(); w != null; ) {
            Waiter next = w.next;
            if (w.handle == handle && w.lvState() == Waiter.WAITING) {
                selectors.remove(w);                // unlink first: see "Unlink, then select"
                if (w.trySelect(Waiter.ABORTED)) {
                    if (aborted == null) {
                        aborted = new ArrayList<>();
                    }
                    aborted.add(w);
                }
            }
            w = next;
        }
        return aborted;
    }

    /**
     * Wakes the given waiters; call with no lock held. {@code many} is what {@link #takeObservers}
     * returns (null, one Waiter or a list) or a list; {@code null}s are tolerated.
     */
    static void wakeAll(Waiter one, Object many) {
        if (one != null) {
            one.wake();
        }
        if (many instanceof Waiter single) {
            single.wake();
        } else if (many != null) {
            ArrayList<Waiter> list = asList(many);
            for (int i = 0, n = list.size(); i < n; i++) {
                list.get(i).wake();
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static ArrayList<Waiter> asList(Object many) {
        return (ArrayList<Waiter>) many;
    }

    // ==== Counters ====

    /** The number of waiters in {@code list} that are still WAITING; the caller holds the lock. */
    static int count(WaiterList list) {
        int n = 0;
        for (Waiter w = list.first(); w != null; w = w.next) {
            if (w.lvState() == Waiter.WAITING) {
                n++;
            }
        }
        return n;
    }
}
