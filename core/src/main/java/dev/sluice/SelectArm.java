package dev.sluice;

import java.util.concurrent.locks.LockSupport;

/**
 * SelectArm: the {@link Waiter} one arm of a blocked {@link Select} registers with its channel.
 *
 * <p>Implementation notes. Every arm of one select delegates {@link #trySelect} to their shared
 * {@link Selection}: the first counterpart to select any arm wins, all others fail and drop the
 * stale arm from their list. Only the winner then moves this arm's own state word (recording the
 * outcome), so an arm whose own state is still {@code WAITING} may already be stale; wakers treat
 * it as a failed selection, which is safe. {@link #operation()} is the shared selection, so the
 * zero flavor never pairs a select's send arm with its own receive arm.
 */
final class SelectArm extends Waiter {
    final Selection selection;
    final int index;

    SelectArm(Selection selection, int index) {
        super(selection.owner);
        this.selection = selection;
        this.index = index;
    }

    @Override
    Object operation() {
        return selection;
    }

    @Override
    boolean trySelect(int outcome) {
        if (!selection.trySelect(index, outcome)) {
            return false;
        }
        super.trySelect(outcome);                 // for the wakers' WAITING checks only; the owner reads the selection
        return true;
    }

    @Override
    void wake() {
        LockSupport.unpark(selection.owner);
    }
}
