package dev.sluice.flow;

import java.util.concurrent.Flow;

/**
 * The TCK of a publisher over {@link FlowChannels#toReceiver}: an RxJava source read through a
 * {@code toReceiver(source, 8)} channel and published again, so that every TCK rule about
 * demand, completion, error and cancellation runs through both adapters.
 */
public class ToReceiverVerification extends ReceiverPublisherVerification {
    @Override
    public Flow.Publisher<Integer> createFlowPublisher(long elements) {
        return FlowChannels.publisher(FlowChannels.toReceiver(Tck.sequence(elements), 8));
    }

    @Override
    public Flow.Publisher<Integer> createFailedFlowPublisher() {
        Flow.Publisher<Integer> failing = subscriber -> {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new RuntimeException("the source failed"));
        };
        return FlowChannels.publisher(FlowChannels.toReceiver(failing, 8));
    }
}
