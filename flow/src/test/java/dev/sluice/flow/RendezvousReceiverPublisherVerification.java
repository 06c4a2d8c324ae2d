package dev.sluice.flow;

import dev.sluice.Channel;
import java.util.concurrent.Flow;

/**
 * The TCK of {@link FlowChannels#publisher} over a rendezvous channel: nothing can be pre-filled,
 * so every stream is fed live from an RxJava source by {@link FlowChannels#subscriber}, which
 * requests one item each time the publisher's pending {@code recvAsync} waits.
 */
public class RendezvousReceiverPublisherVerification extends ReceiverPublisherVerification {
    @Override
    Channel<Integer> liveChannel() {
        return Channel.rendezvous();
    }

    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        Channel<Integer> ch = liveChannel();
        Tck.sequence(elements).subscribe(FlowChannels.subscriber(ch.sender()));
        return FlowChannels.publisher(ch.receiver());
    }
}
