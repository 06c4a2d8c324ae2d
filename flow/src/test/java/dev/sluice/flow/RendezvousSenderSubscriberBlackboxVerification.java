package dev.sluice.flow;

import dev.sluice.Channel;

/** The blackbox TCK of {@link FlowChannels#subscriber} sending into a rendezvous channel. */
public class RendezvousSenderSubscriberBlackboxVerification extends SenderSubscriberBlackboxVerification {
    @Override
    Channel<Integer> channel() {
        return Channel.rendezvous();
    }
}
