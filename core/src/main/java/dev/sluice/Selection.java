package dev.sluice;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Selection: the one state word shared by every arm of a blocked {@link Select}.
 *
 * <p>Implementation notes. This is crossbeam's {@code Context::select}/{@code Selected}: one
 * atomic word that moves once out of {@link #WAITING}, either to the index of the arm a
 * counterpart selected (the CAS in {@link SelectArm#trySelect}) or to {@link #ABORTED} by the
 * owner (deadline, interrupt, "ready just now" re-check). Whoever wins the CAS decides; every
 * other arm's selection fails, so one select completes at most one operation. The word is
 * {@code {index | outcome}} (outcome in the low two bits: {@code OPERATION}, {@code DISCONNECTED},
 * or {@code ABORTED} when the arm's handle was closed), so the owner learns both from the one CAS
 * it observes: it must not read the arm's own state word, which the winner writes only after
 * this CAS (a zero-flavor hand-off mistaken for a hint would be performed twice).
 *
 * <p>Parking is {@link Blocking#park}, the same loop as a blocked channel operation's: snooze
 * briefly, then park until selected, the deadline, or an interrupt. The interrupt status is left
 * set for {@link Select} to act on.
 */
final class Selection implements Blocking.Parkable {
    static final int WAITING = Blocking.Parkable.WAITING;
    /** Never a selected state: those are {@code index << 2 | outcome} with an outcome of 1 to 3. */
    static final int ABORTED = -2;

    /** The thread blocked in the select. */
    final Thread owner;

    /** {@code WAITING}, {@code ABORTED}, or {@code index << 2 | outcome}; moves out of WAITING once. */
    private volatile int selected = WAITING;

    Selection(Thread owner) {
        this.owner = owner;
    }

    /** Selects arm {@code index} with a {@link Waiter} outcome; {@code true} if this call decided. */
    boolean trySelect(int index, int outcome) {
        return SELECTED.compareAndSet(this, WAITING, index << 2 | outcome);
    }

    /** The arm index of a selected state (not WAITING or ABORTED). */
    static int index(int selected) {
        return selected >>> 2;
    }

    /** The {@link Waiter} outcome of a selected state. */
    static int outcome(int selected) {
        return selected & 0b11;
    }

    /** The owner gives up; {@code false} if an arm was selected first (its outcome stands). */
    boolean abort() {
        return SELECTED.compareAndSet(this, WAITING, ABORTED);
    }

    @Override
    public int lvState() {
        return selected;
    }

    @Override
    public int abortWait() {
        return abort() ? ABORTED : selected;
    }

    /** Parks until selected or aborted (deadline, interrupt); returns the final state. */
    int await(Deadline deadline) {
        return Blocking.park(this, deadline, true);
    }

    // VarHandle mechanics
    private static final VarHandle SELECTED;

    static {
        try {
            SELECTED = MethodHandles.lookup().findVarHandle(Selection.class, "selected", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
