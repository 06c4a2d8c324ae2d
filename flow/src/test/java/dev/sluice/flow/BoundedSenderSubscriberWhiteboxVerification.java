package dev.sluice.flow;

import dev.sluice.Channel;

/** The whitebox TCK of {@link FlowChannels#subscriber} sending into a {@code bounded(16)} channel. */
public class BoundedSenderSubscriberWhiteboxVerification extends SenderSubscriberWhiteboxVerification {
    @Override
    Channel<Integer> channel() {
        return Channel.bounded(16);
    }
}
