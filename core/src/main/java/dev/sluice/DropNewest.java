package dev.sluice;

/**
 * DropNewest: {@link OverflowPolicy#DROP_NEWEST} over any send side: a send into a full channel
 * hands the new message to the discard hook (counted) instead of waiting.
 *
 * @param <T> message type
 */
final class DropNewest<T> extends DroppingSend<T> {
    private final SendFlavor<T> flavor;
    private final Discards discards;

    DropNewest(SendFlavor<T> flavor, Discards discards) {
        this.flavor = flavor;
        this.discards = discards;
    }

    @Override
    TrySendResult offer(T msg) {
        TrySendResult r = flavor.trySend(msg);
        if (r != TrySendResult.FULL) {
            return r;
        }
        discards.rejected(msg);
        return TrySendResult.DROPPED;
    }
}
