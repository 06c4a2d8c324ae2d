package dev.sluice;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * ChannelStats: a live, read-only view of one channel's counters, for monitoring.
 *
 * <p>Obtained from {@link Sender#stats()} or {@link Receiver#stats()} (the same object for
 * every handle of a channel). Every read is a snapshot; reading costs the channel nothing
 * beyond a few volatile loads (waiting counts take the waker's lock briefly). The view does
 * not keep any handle alive, so a monitor that holds it weakly lets the channel be collected.
 *
 * <p>Definitions, and the identity they satisfy once the channel is quiet:
 * <pre>
 *   sent     = messages accepted into the channel (a DROP_NEWEST rejection is not sent)
 *   received = messages handed to a receiver
 *   sent     = received + buffered + dropped(OLDEST) + dropped(CLOSED)
 *   attempts = sent + dropped(NEWEST)
 * </pre>
 *
 * <p>Implementation notes. Nothing is counted on the fast path: for bounded and unbounded
 * channels {@code sent} and {@code received} are derived from the ring's or list's tail and
 * head positions (which advance once per message anyway), minus the evictions and close-time
 * discards that also move the head; the rendezvous flavor counts its hand-offs under the lock it
 * already holds. Drops are {@link LongAdder}s touched only on the drop path; blocked time is
 * measured only around parking. Between a head move and the matching drop count a concurrent
 * read could see {@code received} one too high and then lower; {@link #received()} therefore
 * reports the maximum it has seen, so it never decreases.
 */
public final class ChannelStats {
    /** Why a message was dropped. */
    public enum DropReason {
        /** Rejected by a full {@link OverflowPolicy#DROP_NEWEST} channel. */
        NEWEST("newest"),
        /** Evicted from a full {@link OverflowPolicy#DROP_OLDEST} channel. */
        OLDEST("oldest"),
        /** Still buffered when the last receiver closed. */
        CLOSED("closed");

        private final String tag;

        DropReason(String tag) {
            this.tag = tag;
        }

        /** The lower-case name used as a metric tag value: newest, oldest, closed. */
        public String tag() {
            return tag;
        }
    }

    private final Flavor flavor;
    private final OverflowPolicy overflow;
    private final String name;
    final LongAdder droppedNewest = new LongAdder();
    final LongAdder droppedOldest = new LongAdder();
    final LongAdder droppedClosed = new LongAdder();
    private final AtomicLong receivedHighWater = new AtomicLong();

    ChannelStats(Flavor flavor, OverflowPolicy overflow, String name) {
        this.flavor = flavor;
        this.overflow = overflow;
        this.name = name;
    }

    /** The name given with {@link ChannelBuilder#name(String)}, if any. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** {@code bounded}, {@code rendezvous} or {@code unbounded}. */
    public String flavor() {
        int cap = flavor.capacity();
        return cap < 0 ? "unbounded" : cap == 0 ? "rendezvous" : "bounded";
    }

    /** The channel's capacity; empty if unbounded. */
    public OptionalInt capacity() {
        int cap = flavor.capacity();
        return cap < 0 ? OptionalInt.empty() : OptionalInt.of(cap);
    }

    /** The overflow policy ({@link OverflowPolicy#BLOCK} for rendezvous and unbounded channels). */
    public OverflowPolicy overflow() {
        return overflow;
    }

    /** Messages buffered now (as {@link Sender#len()}). */
    public int buffered() {
        return flavor.len();
    }

    /** Messages accepted into the channel so far. */
    public long sent() {
        return flavor.sentCount();
    }

    /** Messages handed to receivers so far; never decreases. */
    public long received() {
        // The head first, the drops second: a drop is counted before it moves the head
        // (Discards), so this never counts an eviction or a discard as received.
        long taken = flavor.takenCount();
        long now = taken - droppedOldest.sum() - droppedClosed.sum();
        return receivedHighWater.accumulateAndGet(now, Math::max);
    }

    /** Messages dropped for {@code reason} so far. */
    public long dropped(DropReason reason) {
        switch (reason) {
            case NEWEST: return droppedNewest.sum();
            case OLDEST: return droppedOldest.sum();
            default: return droppedClosed.sum();
        }
    }

    /** Messages dropped for any reason so far. */
    public long dropped() {
        return droppedNewest.sum() + droppedOldest.sum() + droppedClosed.sum();
    }

    /** Send operations waiting now: blocked threads and pending {@code sendAsync} futures. */
    public int sendersWaiting() {
        return flavor.sendersWaiting();
    }

    /** Receive operations waiting now: blocked threads and pending {@code recvAsync} futures. */
    public int receiversWaiting() {
        return flavor.receiversWaiting();
    }

    /** Cumulative time threads spent parked in send operations, in {@code unit}. */
    public long sendBlockedTime(TimeUnit unit) {
        return unit.convert(flavor.sendBlockedNanos(), TimeUnit.NANOSECONDS);
    }

    /** How many times a send operation parked. */
    public long sendBlockedCount() {
        return flavor.sendBlockedCount();
    }

    @Override
    public String toString() {
        return "ChannelStats{" + (name == null ? "" : name + ", ") + flavor() + ", sent=" + sent()
                + ", received=" + received() + ", buffered=" + buffered() + ", dropped=" + dropped() + "}";
    }
}
