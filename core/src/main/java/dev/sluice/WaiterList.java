package dev.sluice;

/**
 * WaiterList: an intrusive FIFO of {@link Waiter}s with O(1) append and O(1) removal.
 *
 * <p>Implementation notes. The links live in the waiters themselves ({@link Waiter#prev},
 * {@link Waiter#next}, {@link Waiter#list}), so registering and unregistering allocate nothing
 * and cancelling one of 10⁵ pending operations costs the same as cancelling one of two; the list
 * holds no backing array, so it shrinks to nothing after a burst. A waiter is in at most one list
 * at a time ({@code list} says which); {@link #remove} of a waiter that is not in this list is a
 * no-op, which makes unregistering idempotent: a selector may unlink a waiter before its owner
 * gets round to it. Not thread-safe: every access happens under the lock of the owning waker.
 */
final class WaiterList {
    private Waiter head;
    private Waiter tail;

    boolean isEmpty() {
        return head == null;
    }

    /** The first waiter, or {@code null}; walk on with {@link Waiter#next}. */
    Waiter first() {
        return head;
    }

    /** Appends {@code w}, which must not be in any list. */
    void add(Waiter w) {
        w.list = this;
        w.next = null;
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
    }

    /** Unlinks {@code w} if it is in this list; returns its successor (for removal while walking). */
    Waiter remove(Waiter w) {
        Waiter next = w.next;
        if (w.list != this) {
            return next;
        }
        Waiter prev = w.prev;
        if (prev == null) {
            head = next;
        } else {
            prev.next = next;
        }
        if (next == null) {
            tail = prev;
        } else {
            next.prev = prev;
        }
        w.list = null;
        w.prev = null;
        w.next = null;
        return next;
    }
}
