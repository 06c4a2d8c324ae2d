package dev.sluice.reactor;

/**
 * Reactive Streams TCK for {@code ChannelSinks.multicast(n).asFlux()}: short streams are emitted
 * (and completed) before the first subscription, buffered in the channel; long ones are fed live
 * through a {@link ChannelSink#newSender()} handle by {@link ChannelFlux#into}, then completed.
 * The TCK's multi-subscriber tests (spec 1.11) subscribe several subscribers before requesting,
 * so they all see the same elements.
 */
public class MulticastSinkVerification extends ChannelSinkVerification {
    @Override
    ChannelSink<Integer> sink(int capacity) {
        return ChannelSinks.multicast(capacity);
    }

    @Override
    int liveCapacity() {
        return 16;
    }
}
